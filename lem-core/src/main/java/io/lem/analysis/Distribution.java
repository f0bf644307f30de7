package io.lem.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary of a sample of per-request values. Percentiles interpolate linearly between order statistics (the
 * definition numpy and vLLM's benchmark use), so figures compare with theirs. Computed from raw values only:
 * aggregating runs re-reads the raw records (late aggregation), never averages percentiles.
 */
public record Distribution(int count, double mean, double median, double std, double min, double max, double p5,
                           double p90, double p95, double p99, double p999) {

    public static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** NaN values are ignored. */
    public static Distribution of(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return EMPTY;
        }
        double mean = Arrays.stream(sorted).sum() / n;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Distribution(n, mean, percentile(sorted, 50), std, sorted[0], sorted[n - 1],
                percentile(sorted, 5), percentile(sorted, 90), percentile(sorted, 95), percentile(sorted, 99),
                percentile(sorted, 99.9));
    }

    /** Linear interpolation at rank (n - 1) * p / 100 of sorted values. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /** Coefficient of variation (std / mean). */
    public double cv() {
        return mean == 0 ? Double.NaN : std / mean;
    }

    /** The JSON form, keys suffixed with the unit: {@code mean_ms}, {@code p99_ms}, ... */
    public Map<String, Object> toJson(String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("mean_" + unit, finite(mean));
        json.put("median_" + unit, finite(median));
        json.put("std_" + unit, finite(std));
        json.put("min_" + unit, finite(min));
        json.put("max_" + unit, finite(max));
        json.put("p5_" + unit, finite(p5));
        json.put("p90_" + unit, finite(p90));
        json.put("p95_" + unit, finite(p95));
        json.put("p99_" + unit, finite(p99));
        json.put("p99_9_" + unit, finite(p999));
        return json;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
