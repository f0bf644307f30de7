package io.lem.analysis.latency;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.config.ConfigException;

/**
 * Service-level objectives for goodput, in vLLM's meaning: a request is good when it meets every given objective
 * (TTFT, TPOT, E2E at or under the threshold in ms).
 */
public record Slos(Map<String, Double> thresholdsMs) {

    public static final Slos NONE = new Slos(Map.of());
    private static final List<String> METRICS = List.of("ttft", "tpot", "e2e");

    public Slos {
        thresholdsMs = Collections.unmodifiableMap(new LinkedHashMap<>(thresholdsMs));
    }

    /** Parses {@code ttft:500 tpot:50} (also {@code e2el}, vLLM's name for e2e), one pair per element. */
    public static Slos parse(List<String> pairs) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] kv = pair.split(":", 2);
            String metric = kv[0].strip().toLowerCase(Locale.ROOT);
            metric = metric.equals("e2el") ? "e2e" : metric;
            if (kv.length != 2 || !METRICS.contains(metric)) {
                throw new ConfigException("goodput", "'" + pair + "' is not METRIC:MS with METRIC one of " + METRICS
                        + "; fix: e.g. --goodput ttft:500 tpot:50");
            }
            double ms = thresholdMs("goodput", pair, kv[1], metric);
            if (thresholds.put(metric, ms) != null) {
                throw new ConfigException("goodput", metric + " is given twice; fix: give each metric once");
            }
        }
        return new Slos(thresholds);
    }

    /**
     * The milliseconds of one {@code METRIC:MS} objective, shared by goodput and a study's SLO selection.
     *
     * @throws ConfigException naming {@code field} when the value is not a positive, finite number
     */
    public static double thresholdMs(String field, String pair, String value, String metric) {
        double ms;
        try {
            ms = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            ms = Double.NaN;
        }
        if (!(ms > 0) || !Double.isFinite(ms)) {
            throw new ConfigException(field, "'" + pair + "': the threshold must be a positive number of ms, got '"
                    + value.strip() + "'; fix: e.g. " + metric + ":500");
        }
        return ms;
    }

    public boolean isEmpty() {
        return thresholdsMs.isEmpty();
    }

    /**
     * vLLM counts a request with one output token as TPOT 0, so it meets any TPOT objective. A failed request
     * is never good.
     */
    public boolean met(RequestTiming r) {
        if (!r.ok()) {
            return false;
        }
        for (Map.Entry<String, Double> slo : thresholdsMs.entrySet()) {
            double value = switch (slo.getKey()) {
                case "ttft" -> r.ttftMs();
                case "tpot" -> r.outputTokens() < 2 ? 0 : r.tpotMs();
                default -> r.e2eMs();
            };
            if (!(value <= slo.getValue())) {
                return false;
            }
        }
        return true;
    }
}
