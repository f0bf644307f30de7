package io.lem.report;

import java.util.Arrays;
import java.util.List;

import io.lem.analysis.Distribution;
import io.lem.result.DoubleList;

/** The few statistics a report draws itself: percentiles and empirical CDFs of raw per-request values. */
final class Stats {

    private Stats() {
    }

    static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * The p-th percentiles (0..100) of the values, sorted once: linear interpolation between order statistics
     * (Hyndman–Fan type 7, numpy's default), so the figures match what a reader recomputes from requests.jsonl;
     * each null for no values.
     */
    static Double[] percentiles(List<Double> values, double... ps) {
        Double[] out = new Double[ps.length];
        if (!values.isEmpty()) {
            double[] sorted = sorted(values);
            for (int i = 0; i < ps.length; i++) {
                out[i] = Distribution.percentile(sorted, ps[i]);
            }
        }
        return out;
    }

    private static double[] sorted(List<Double> values) {
        double[] v = DoubleList.toArray(values);
        Arrays.sort(v);
        return v;
    }
}
