package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much one swept factor matters for a metric (docs/methodology.md "Which parameters matter", from LLenergyMeasure's
 * question "which ones matter most, and how much variance does each contribute"): the mean per level, the ratio
 * of the largest to the smallest level mean (the "7.5× from batch size" figure), and η² = SS_between / SS_total,
 * the share of the metric's variance the factor's levels explain on their own.
 *
 * @param maxMinRatio NaN when a level mean is not positive (a ratio of such means says nothing)
 * @param etaSquared  NaN when every observation is equal (nothing to explain)
 */
public record FactorImportance(String factor, List<LevelMean> levels, double maxMinRatio, double ssBetween,
                               double etaSquared) {

    /** The metric's mean over the observations at one level of the factor. */
    public record LevelMean(String level, double mean, int n) {
    }

    public FactorImportance {
        levels = List.copyOf(levels);
    }

    static FactorImportance of(String factor, List<Observation> observations, double grandMean, double ssTotal) {
        Map<String, Groups.Group> groups = Groups.by(observations, i -> observations.get(i).level(factor, i));
        List<LevelMean> levels = new ArrayList<>();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Groups.Group g : groups.values()) {
            levels.add(new LevelMean(g.key(), g.mean(), g.n()));
            max = Math.max(max, g.mean());
            min = Math.min(min, g.mean());
        }
        double ssBetween = Groups.ssBetween(groups, grandMean);
        return new FactorImportance(factor, levels, min > 0 ? max / min : Double.NaN, ssBetween,
                ssTotal > 0 ? ssBetween / ssTotal : Double.NaN);
    }

    /** The JSON form; level means carry the metric's unit as a suffix. */
    public Map<String, Object> toJson(String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("factor", factor);
        json.put("levels", levels.stream().map(l -> {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("level", l.level());
            level.put(Json.key("mean", unit), Json.finite(l.mean()));
            level.put("n", l.n());
            return level;
        }).toList());
        json.put("max_min_ratio", Json.finite(maxMinRatio));
        json.put("ss_between", Json.finite(ssBetween));
        json.put("eta_squared", Json.finite(etaSquared));
        return json;
    }
}
