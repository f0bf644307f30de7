package io.lem.study;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;

/**
 * The requests.jsonl row of one request, shared by {@code lem run} and {@code lem load}: times in seconds since the
 * run's clock anchor, every chunk's time in ms after the send (so ITL and per-window tokens can be recomputed), the
 * server's token counts and, where the API reports them, the engine's own durations.
 */
public record RequestRows(JsonlWriter out, long anchorNs) {

    public void append(RequestRecord r) {
        out.append(toJson(r, anchorNs));
    }

    public static Map<String, Object> toJson(RequestRecord r, long anchorNs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("warmup", r.warmup());
        row.put("status", r.status().jsonName());
        row.put("http_status", r.httpStatus() == 0 ? null : r.httpStatus());
        row.put("send_s", (r.sendNs() - anchorNs) / 1e9);
        row.put("first_token_s", r.firstTokenNs() < 0 ? null : (r.firstTokenNs() - anchorNs) / 1e9);
        row.put("end_s", (r.endNs() - anchorNs) / 1e9);
        row.put("prompt_tokens", r.promptTokens() < 0 ? null : r.promptTokens());
        row.put("completion_tokens", r.completionTokens() < 0 ? null : r.completionTokens());
        row.put("tokens_approximate", r.tokensApproximate());
        row.put("chunks", r.chunks());
        row.put("reasoning_chunks", r.reasoningChunks());
        row.put("ttft_ms", Json.finiteOrNull(r.ttftMs()));
        row.put("tpot_ms", Json.finiteOrNull(r.tpotMs()));
        row.put("e2e_ms", r.e2eMs());
        long[] chunkTimes = r.chunkTimesNs();
        double[] chunkMs = new double[chunkTimes.length];
        for (int i = 0; i < chunkTimes.length; i++) {
            chunkMs[i] = (chunkTimes[i] - r.sendNs()) / 1e6;
        }
        row.put("chunk_ms", chunkMs);
        row.put("engine", engineJson(r.engineTimings()));
        row.put("error", r.error());
        return row;
    }

    /** Ollama's own counts and durations (null for APIs that give none); -1 (absent) becomes null. */
    private static Map<String, Object> engineJson(EngineTimings t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prompt_eval_count", t.promptEvalCount() < 0 ? null : t.promptEvalCount());
        json.put("eval_count", t.evalCount() < 0 ? null : t.evalCount());
        json.put("prompt_eval_duration_ms", ms(t.promptEvalDurationNs()));
        json.put("eval_duration_ms", ms(t.evalDurationNs()));
        json.put("load_duration_ms", ms(t.loadDurationNs()));
        json.put("total_duration_ms", ms(t.totalDurationNs()));
        return json;
    }

    private static Double ms(long ns) {
        return ns < 0 ? null : ns / 1e6;
    }
}
