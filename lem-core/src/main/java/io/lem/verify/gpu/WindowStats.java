package io.lem.verify.gpu;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one integration method is from the energy counter over a set of windows: relative differences
 * {@code (integrated − counter) / counter}, signed (bias) and absolute (spread). Windows where the counter did not
 * rise are left out of the figures ({@code windows_compared} says how many remain).
 */
record WindowStats(int compared, double meanRelDiff, double medianRelDiff, double meanAbsRelDiff,
                   double p95AbsRelDiff, double maxAbsRelDiff) {

    static WindowStats of(List<Double> relDiffs) {
        double[] signed = relDiffs.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        int n = signed.length;
        if (n == 0) {
            return new WindowStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] abs = Arrays.stream(signed).map(Math::abs).sorted().toArray();
        // nearest rank: the smallest value with at least 95 % of the windows at or below it
        double p95 = abs[(int) Math.ceil(0.95 * n) - 1];
        return new WindowStats(n, Arrays.stream(signed).average().orElseThrow(), median(signed),
                Arrays.stream(abs).average().orElseThrow(), p95, abs[n - 1]);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("windows_compared", compared);
        json.put("mean_rel_diff", finite(meanRelDiff));
        json.put("median_rel_diff", finite(medianRelDiff));
        json.put("mean_abs_rel_diff", finite(meanAbsRelDiff));
        json.put("p95_abs_rel_diff", finite(p95AbsRelDiff));
        json.put("max_abs_rel_diff", finite(maxAbsRelDiff));
        return json;
    }

    /** The median of sorted values; NaN for none. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** JSON has no NaN: what cannot be computed is null. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
