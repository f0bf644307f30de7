package io.lem.report;

import java.util.Arrays;
import java.util.List;

import io.lem.analysis.Distribution;

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
        return Distribution.percentile(sorted(values), p);
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
