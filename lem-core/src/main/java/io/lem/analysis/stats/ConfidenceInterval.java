package io.lem.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A confidence interval of one statistic: a bootstrap interval, or Student's t for the mean of few values
 * ({@link MeanInterval}). Bounds are NaN (null in JSON) when there is no interval
 * ({@link CiMethod#NONE}); {@code biasZ0} and {@code acceleration} are the BCa constants, NaN for other methods,
 * kept so a reader can redo the adjustment by hand. {@code note} says why BCa fell back to the percentile
 * interval, or gives a t interval's quantile; null otherwise.
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level, int n,
                                 CiMethod method, int resamples, long seed, double biasZ0, double acceleration,
                                 String note) {

    /** Half the interval's width over |estimate|: the precision that adaptive repetition compares with its target. */
    public double relativeHalfWidth() {
        return (upper - lower) / 2 / Math.abs(estimate);
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** The JSON form; figures carrying the statistic's unit get it as a suffix ({@code lower_j_per_output_token}). */
    public Map<String, Object> toJson(String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(Json.key("estimate", unit), Json.finite(estimate));
        json.put(Json.key("lower", unit), Json.finite(lower));
        json.put(Json.key("upper", unit), Json.finite(upper));
        json.put("level", level);
        json.put("n", n);
        json.put("method", method.jsonName());
        json.put("resamples", method == CiMethod.NONE ? 0 : resamples);
        json.put("seed", seed);
        if (method == CiMethod.BCA) {
            json.put("bca_z0", Json.finite(biasZ0));
            json.put("bca_acceleration", Json.finite(acceleration));
        }
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }
}
