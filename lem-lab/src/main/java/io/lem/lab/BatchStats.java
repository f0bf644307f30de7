package io.lem.lab;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics row of a batch over the runs that completed: mean, median, sample standard deviation, 5th and 95th
 * percentiles (linear interpolation between order statistics, R type 7) and the coefficient of variation.
 */
public record BatchStats(int n, double mean, double median, double std, double p5, double p95, double cv) {

    public static BatchStats of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new BatchStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new BatchStats(n, mean, quantile(v, 0.5), std, quantile(v, 0.05), quantile(v, 0.95),
                mean != 0 ? std / mean : Double.NaN);
    }

    /** R's type 7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put("mean", LabMaps.num(mean));
        json.put("median", LabMaps.num(median));
        json.put("std", LabMaps.num(std));
        json.put("p5", LabMaps.num(p5));
        json.put("p95", LabMaps.num(p95));
        json.put("cv", LabMaps.num(cv));
        return json;
    }

    /** The batch row of the page: statistics of each figure over the completed runs' reports. */
    public static Map<String, Object> summary(List<Map<String, Object>> completed, int requested, boolean cancelled) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requested_runs", requested);
        json.put("completed_runs", completed.size());
        json.put("cancelled", cancelled);
        json.put("wh_per_1000_output_tokens", of(field(completed, "wh_per_1000_output_tokens")).toJson());
        json.put("total_wh", of(field(completed, "total_wh")).toJson());
        json.put("prefill_wh", of(field(completed, "prefill_wh")).toJson());
        json.put("decode_wh", of(field(completed, "decode_wh")).toJson());
        json.put("prompt_tokens", of(field(completed, "prompt_tokens")).toJson());
        json.put("output_tokens", of(field(completed, "output_tokens")).toJson());
        json.put("estimated", completed.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("estimated"))));
        json.put("run_ids", completed.stream().map(r -> r.get("run_id")).toList());
        return json;
    }

    private static double[] field(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToDouble(r -> r.get(key) instanceof Number x ? x.doubleValue() : Double.NaN).toArray();
    }
}
