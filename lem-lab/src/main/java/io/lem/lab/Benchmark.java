package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An energy coefficient to estimate runs with or compare them against, input and output kept apart (the original
 * mixed a per-total-token calibration with per-output-token live figures).
 *
 * @param kind                 reference (a published table), custom, calibrated or live
 * @param whPer1000InputTokens Wh per 1000 prompt tokens; for an "e-token" table the whole query's energy
 *                             amortised over its input tokens
 * @param whPer1000OutputTokens Wh per 1000 generated tokens, null when the source gives none
 * @param source               where the figure comes from (paper, table and commit, or the run ids)
 */
public record Benchmark(String name, String kind, Double whPer1000InputTokens, Double whPer1000OutputTokens,
                        String source, String description) {

    /** The estimate of a run with these coefficients, Wh; null when a needed coefficient is missing. */
    public Double estimateWh(int promptTokens, int generatedTokens) {
        if (whPer1000InputTokens == null) {
            return null;
        }
        double wh = whPer1000InputTokens * promptTokens / 1000.0;
        if (whPer1000OutputTokens != null) {
            wh += whPer1000OutputTokens * generatedTokens / 1000.0;
        }
        return wh;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("kind", kind);
        json.put("wh_per_1000_input_tokens", whPer1000InputTokens);
        json.put("wh_per_1000_output_tokens", whPer1000OutputTokens);
        json.put("source", source);
        json.put("description", description);
        json.put("estimated", true);
        return json;
    }
}
