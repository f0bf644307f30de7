package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.analysis.latency.Slos;
import io.lem.config.ConfigException;

/**
 * Latency objectives a point must meet to be selected, as issue 9 writes them: {@code ttft_p50:500 itl_p50:50}
 * (a metric, a colon, a threshold in ms). A metric is one of {@link #LATENCIES} followed by one of
 * {@link #STATISTICS}; the point's figure it is compared with is the same name with {@code _ms}
 * ({@code ttft_p50_ms}). A point meets the objective when its figure is at or under the threshold.
 */
public record Slo(List<Threshold> thresholds) {

    public static final String FIELD = "slo";
    public static final List<String> LATENCIES = List.of("ttft", "tpot", "itl", "e2e");
    public static final List<String> STATISTICS = List.of("mean", "p50", "p90", "p95", "p99");

    /** One objective: the metric (e.g. {@code ttft_p50}) at or under {@code thresholdMs}. */
    public record Threshold(String metric, double thresholdMs) {

        /** The point figure this objective reads. */
        public String pointMetric() {
            return metric + "_ms";
        }
    }

    public Slo {
        thresholds = List.copyOf(thresholds);
    }

    /** Every metric name an objective may use, in a fixed order: {@code ttft_mean, ttft_p50, …, e2e_p99}. */
    public static List<String> knownMetrics() {
        List<String> known = new ArrayList<>();
        for (String latency : LATENCIES) {
            for (String statistic : STATISTICS) {
                known.add(latency + "_" + statistic);
            }
        }
        return known;
    }

    /** Parses pairs separated by spaces or commas: {@code "ttft_p50:500 itl_p50:50"}. */
    public static Slo parse(String text) {
        return parse(Arrays.stream(text.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
    }

    /** Parses one {@code METRIC:MS} pair per element, as a repeated CLI option gives them. */
    public static Slo parse(List<String> pairs) {
        if (pairs.isEmpty()) {
            throw new ConfigException(FIELD, "no objective given; fix: e.g. ttft_p50:500 itl_p50:50");
        }
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] kv = pair.split(":", 2);
            String metric = kv[0].strip().toLowerCase(Locale.ROOT);
            if (kv.length != 2) {
                throw new ConfigException(FIELD, "'" + pair + "' is not METRIC:MS; fix: e.g. ttft_p50:500");
            }
            if (!knownMetrics().contains(metric)) {
                throw new ConfigException(FIELD, "unknown metric '" + kv[0].strip() + "' in '" + pair
                        + "'; known metrics: " + String.join(", ", knownMetrics()) + "; fix: e.g. ttft_p50:500");
            }
            double ms = Slos.thresholdMs(FIELD, pair, kv[1], metric);
            if (thresholds.put(metric, new Threshold(metric, ms)) != null) {
                throw new ConfigException(FIELD, metric + " is given twice; fix: give each metric once");
            }
        }
        return new Slo(List.copyOf(thresholds.values()));
    }

    /** Null when the point meets every objective, else why not (the first objective it misses or lacks). */
    public String violation(SelectionPoint point) {
        for (Threshold t : thresholds) {
            double value = point.metric(t.pointMetric());
            if (!Double.isFinite(value)) {
                return t.pointMetric() + " is missing";
            }
            if (value > t.thresholdMs()) {
                return t.pointMetric() + " = " + value + " > " + t.thresholdMs();
            }
        }
        return null;
    }

    /** The form {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return String.join(" ", thresholds.stream().map(t -> t.metric() + ":" + t.thresholdMs()).toList());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        thresholds.forEach(t -> json.put(t.pointMetric(), t.thresholdMs()));
        return json;
    }
}
