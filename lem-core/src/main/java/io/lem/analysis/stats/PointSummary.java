package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One study point's metric across its cycles: the mean, its interval ({@link MeanInterval}), n and the per-cycle values
 * themselves (late aggregation: the raw values travel with the summary, so it can be recomputed). Issue 9 asks
 * study.json to hold exactly these per point.
 *
 * @param perCycle the values in cycle order, NaN for a cycle without a value (null in JSON); the statistics use
 *                 the finite ones only
 */
public record PointSummary(double mean, ConfidenceInterval ci, int n, List<Double> perCycle) {

    public PointSummary {
        perCycle = Collections.unmodifiableList(new ArrayList<>(perCycle));
    }

    public static PointSummary of(double[] perCycle, BootstrapOptions options) {
        ConfidenceInterval ci = MeanInterval.of(perCycle, options);
        return new PointSummary(ci.estimate(), ci, ci.n(), Arrays.stream(perCycle).boxed().toList());
    }

    /**
     * (upper − lower) / 2 / |mean|: the relative precision adaptive repetition stops on (issue 9: "within 2 % of the
     * mean"). NaN without an interval.
     */
    public double relativeHalfWidth() {
        return ci.relativeHalfWidth();
    }

    /** Whether the interval is at least as tight as {@code precision} (0.02 for ±2 %); false without one. */
    public boolean meetsPrecision(double precision) {
        return relativeHalfWidth() <= precision;
    }

    /** The JSON form, the metric's unit as a suffix of its figures: {@code mean_j_per_output_token}, … */
    public Map<String, Object> toJson(String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put(Json.key("mean", unit), Json.finite(mean));
        json.put("ci", ci.toJson(unit));
        json.put("relative_ci_half_width", Json.finite(relativeHalfWidth()));
        json.put(Json.key("per_cycle", unit), perCycle.stream().map(Json::finite).toList());
        return json;
    }
}
