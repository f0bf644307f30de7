package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.Distribution;

/**
 * The statistics row of a batch over the runs that completed: mean, median, sample standard deviation, 5th and 95th
 * percentiles (linear interpolation between order statistics, R type 7) and the coefficient of variation: the
 * figures of {@link Distribution}, kept to the fields the page shows.
 */
public record BatchStats(int n, double mean, double median, double std, double p5, double p95, double cv) {

    /** Non-finite values are ignored; with one value the standard deviation and CV are NaN (no spread measured). */
    public static BatchStats of(double[] values) {
        Distribution d = Distribution.of(values);
        double std = d.count() > 1 ? d.std() : Double.NaN;
        return new BatchStats(d.count(), d.mean(), d.median(), std, d.p5(), d.p95(),
                d.mean() != 0 ? std / d.mean() : Double.NaN);
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
