package io.lem.analysis.latency;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.analysis.Distribution;

/**
 * Figures of the measured window of a load run, recomputable from requests.jsonl.
 *
 * @param requests       measured requests (any status)
 * @param failed         of those, not OK
 * @param durationS      first measured send to last measured end
 * @param goodRequests   OK requests meeting every SLO (all OK requests when no SLO is given)
 */
public record LoadSummary(int requests, int failed, double durationS, long promptTokens, long outputTokens,
                          boolean promptTokensComplete, Distribution ttftMs, Distribution tpotMs,
                          Distribution itlMs, Distribution e2eMs, Distribution latenessMs, Slos slos,
                          int goodRequests) {

    /** Written into every summary so a reader knows exactly what each figure means. */
    public static final Map<String, String> DEFINITIONS = definitions();

    public double requestsPerS() {
        return perS(requests - failed);
    }

    public double outputTokensPerS() {
        return perS(outputTokens);
    }

    public double totalTokensPerS() {
        return perS(promptTokens + outputTokens);
    }

    public double goodputRequestsPerS() {
        return perS(goodRequests);
    }

    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) failed / requests;
    }

    private double perS(double count) {
        return durationS > 0 ? count / durationS : Double.NaN;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", requests);
        json.put("requests_ok", requests - failed);
        json.put("requests_failed", failed);
        json.put("error_rate", finite(errorRate()));
        json.put("duration_s", finite(durationS));
        json.put("prompt_tokens", promptTokens);
        json.put("prompt_tokens_complete", promptTokensComplete);
        json.put("output_tokens", outputTokens);
        json.put("request_throughput_per_s", finite(requestsPerS()));
        json.put("output_throughput_tok_per_s", finite(outputTokensPerS()));
        json.put("total_throughput_tok_per_s", finite(totalTokensPerS()));
        json.put("goodput_slos_ms", slos.thresholdsMs());
        json.put("good_requests", slos.isEmpty() ? null : goodRequests);
        json.put("goodput_requests_per_s", slos.isEmpty() ? null : finite(goodputRequestsPerS()));
        json.put("ttft", ttftMs.toJson("ms"));
        json.put("tpot", tpotMs.toJson("ms"));
        json.put("itl", itlMs.toJson("ms"));
        json.put("e2e", e2eMs.toJson("ms"));
        json.put("lateness", latenessMs.toJson("ms"));
        json.put("definitions", DEFINITIONS);
        return json;
    }

    /** JSON has no NaN: a figure that cannot be computed is written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("window", "measured requests only (warm-up and cool-down excluded); duration_s = first measured send "
                + "to last measured end");
        d.put("ttft", "time to first token: first streamed content chunk - send, per OK request");
        d.put("tpot", "time per output token (vLLM): (e2e - ttft) / (output_tokens - 1), per OK request with "
                + "output_tokens >= 2");
        d.put("itl", "inter-token latency (vLLM): every gap between consecutive streamed chunks, pooled over OK "
                + "requests");
        d.put("e2e", "end-to-end latency: end of response - send, per OK request");
        d.put("lateness", "open loop: actual send - scheduled send (the generator's own delay or the concurrency "
                + "cap's); empty in a closed loop");
        d.put("request_throughput_per_s", "OK requests / duration_s");
        d.put("output_throughput_tok_per_s", "output tokens of OK requests / duration_s");
        d.put("total_throughput_tok_per_s", "(prompt + output tokens of OK requests) / duration_s");
        d.put("goodput_requests_per_s", "(vLLM) OK requests meeting every SLO in goodput_slos_ms / duration_s; a "
                + "request with one output token counts TPOT 0");
        d.put("error_rate", "requests that did not end OK / measured requests");
        return java.util.Collections.unmodifiableMap(d);
    }
}
