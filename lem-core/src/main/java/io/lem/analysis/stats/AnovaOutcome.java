package io.lem.analysis.stats;

import java.util.Map;

/** A factorial ANOVA, or the reason the design does not allow one (a study goes on either way). */
public sealed interface AnovaOutcome permits Anova, AnovaOutcome.NotApplicable {

    Map<String, Object> toJson();

    /** Why no ANOVA was computed, e.g. "unbalanced: cell {a=1, b=2} has 2 observations, the others 3". */
    record NotApplicable(String reason) implements AnovaOutcome {
        @Override
        public Map<String, Object> toJson() {
            return Map.of("applicable", false, "reason", reason);
        }
    }
}
