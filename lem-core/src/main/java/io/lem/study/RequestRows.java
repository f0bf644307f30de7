package io.lem.study;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.client.RequestRecord;
import io.lem.result.JsonlWriter;

/** Writes each request as one requests.jsonl line, times in seconds since the run's clock anchor. */
record RequestRows(JsonlWriter out, long anchorNs) {

    void append(RequestRecord r) {
        out.append(toJson(r, anchorNs));
    }

    static Map<String, Object> toJson(RequestRecord r, long anchorNs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("warmup", r.warmup());
        row.put("status", r.status().jsonName());
        row.put("send_s", (r.sendNs() - anchorNs) / 1e9);
        row.put("first_token_s", r.firstTokenNs() < 0 ? null : (r.firstTokenNs() - anchorNs) / 1e9);
        row.put("end_s", (r.endNs() - anchorNs) / 1e9);
        row.put("prompt_tokens", r.promptTokens() < 0 ? null : r.promptTokens());
        row.put("completion_tokens", r.completionTokens() < 0 ? null : r.completionTokens());
        row.put("tokens_approximate", r.tokensApproximate());
        row.put("chunks", r.chunks());
        row.put("ttft_ms", io.lem.result.Json.finiteOrNull(r.ttftMs()));
        row.put("e2e_ms", r.e2eMs());
        row.put("error", r.error());
        return row;
    }
}
