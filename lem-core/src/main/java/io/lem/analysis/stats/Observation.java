package io.lem.analysis.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured value of a metric with the factor levels it was measured at: one (point, cycle) of a study, e.g.
 * {@code {engine.parallel=2, workload.concurrency=4}} → 0.41 J/output token. Levels are compared as strings, so
 * the caller renders them once (the sweep's own spelling).
 */
public record Observation(Map<String, String> levels, double value) {

    public Observation {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    String level(String factor, int index) {
        String level = levels.get(factor);
        if (level == null) {
            throw new IllegalArgumentException("observation " + index + " has no level for factor '" + factor
                    + "' (it has " + levels.keySet() + "): every observation must give every factor");
        }
        return level;
    }
}
