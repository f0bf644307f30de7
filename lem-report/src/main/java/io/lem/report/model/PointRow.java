package io.lem.report.model;

import java.util.List;
import java.util.Map;

/**
 * One row of the report's table of points: a study point over its cycles, or the one run of an experiment or lem load
 * directory.
 *
 * @param hash      the point's short config hash; the directory name where there is none
 * @param keys      the swept keys and their values; empty outside a study
 * @param joulesPerOutputToken study.json's mean and CI; for a single run the run's figure, no CI
 * @param latencyMs TTFT, ITL and E2E percentiles ({@code ttft_p50} …) pooled over the runs' measured OK requests
 * @param meter     the total's domains and how each is read ("cpu-host-estimate: estimate")
 * @param publishable null where study.json does not say (an older study, a single run)
 * @param reasons   the data checks' reason codes
 */
public record PointRow(int index, String hash, String label, Map<String, Object> keys, Ci joulesPerOutputToken,
                       Ci tokensPerSecond, Map<String, Double> latencyMs, boolean estimated, String meter,
                       Boolean publishable, List<String> reasons, List<String> warnings, Map<String, Double> means,
                       List<RunData> runs) {

    public PointRow {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
        means = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(means));
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
        runs = List.copyOf(runs);
    }

    /** A mean with its confidence interval; bounds null for a single run or an older study.json. */
    public record Ci(Double mean, Double lower, Double upper, int n) {

        public static final Ci NONE = new Ci(null, null, null, 0);
    }

    /** The mean of a study.json metric by its result.json name ({@code e2e_latency_median_ms}); null if absent. */
    public Double mean(String metric) {
        return means.get(metric);
    }
}
