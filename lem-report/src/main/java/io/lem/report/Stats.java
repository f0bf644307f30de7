package io.lem.report;

import java.util.Arrays;
import java.util.List;

/** The few statistics a report draws itself: percentiles and empirical CDFs of raw per-request values. */
final class Stats {

    private Stats() {
    }

    /**
     * The p-th percentile (0..100) by linear interpolation between order statistics (Hyndman–Fan type 7, numpy's
     * default), so the figures match what a reader recomputes from requests.jsonl; null for no values.
     */
    static Double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = sorted(values);
        double rank = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (rank - lo) * (v[hi] - v[lo]);
    }

    static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double[] sorted(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }
}
