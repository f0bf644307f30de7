package io.lem.analysis.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A study point as selection sees it: its id and its headline figures keyed by their result.json names with
 * units ({@value #JOULES_PER_OUTPUT_TOKEN}, {@value #TOKENS_PER_SECOND}, {@code ttft_p50_ms}, …). A missing or
 * non-finite figure keeps the point out of whatever needs it.
 */
public record SelectionPoint(String id, Map<String, Double> metrics) {

    public static final String JOULES_PER_OUTPUT_TOKEN = "joules_per_output_token";
    public static final String TOKENS_PER_SECOND = "tokens_per_second";

    public SelectionPoint {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The figure, or NaN when the point lacks it. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
