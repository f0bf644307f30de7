package io.lem.study;

import static io.lem.result.RequestsJsonl.CHUNKS;
import static io.lem.result.RequestsJsonl.CHUNK_MS;
import static io.lem.result.RequestsJsonl.COMPLETION_TOKENS;
import static io.lem.result.RequestsJsonl.E2E_MS;
import static io.lem.result.RequestsJsonl.END_S;
import static io.lem.result.RequestsJsonl.ENGINE;
import static io.lem.result.RequestsJsonl.ERROR;
import static io.lem.result.RequestsJsonl.EVAL_COUNT;
import static io.lem.result.RequestsJsonl.EVAL_DURATION_MS;
import static io.lem.result.RequestsJsonl.FIRST_TOKEN_S;
import static io.lem.result.RequestsJsonl.HTTP_STATUS;
import static io.lem.result.RequestsJsonl.ID;
import static io.lem.result.RequestsJsonl.LATENESS_MS;
import static io.lem.result.RequestsJsonl.LOAD_DURATION_MS;
import static io.lem.result.RequestsJsonl.PORTION;
import static io.lem.result.RequestsJsonl.PROMPT_EVAL_COUNT;
import static io.lem.result.RequestsJsonl.PROMPT_EVAL_DURATION_MS;
import static io.lem.result.RequestsJsonl.PROMPT_TOKENS;
import static io.lem.result.RequestsJsonl.REASONING_CHUNKS;
import static io.lem.result.RequestsJsonl.SCHEDULED_S;
import static io.lem.result.RequestsJsonl.SEND_S;
import static io.lem.result.RequestsJsonl.STATUS;
import static io.lem.result.RequestsJsonl.TOKENS_APPROXIMATE;
import static io.lem.result.RequestsJsonl.TOTAL_DURATION_MS;
import static io.lem.result.RequestsJsonl.TPOT_MS;
import static io.lem.result.RequestsJsonl.TTFT_MS;
import static io.lem.result.RequestsJsonl.WARMUP;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.load.LoadRecord;
import io.lem.result.JsonLine;

/**
 * The requests.jsonl line of one request, encoded straight from the record into one reused buffer: the bytes that
 * Jackson writes for {@link RequestRows#toJson} (lem run) and {@link LoadRows#toJson} (lem load), without the map,
 * the boxed numbers and the typed row in between. Not thread-safe: one per writer, the line valid until the next call.
 */
public final class RequestLine {

    private final JsonLine line = new JsonLine();
    private final long anchorNs;

    /** @param anchorNs the run's clock anchor: times are written in seconds since it */
    public RequestLine(long anchorNs) {
        this.anchorNs = anchorNs;
    }

    /** lem run's row: the warm-up flag after the id. */
    public JsonLine run(RequestRecord r) {
        line.clear().beginObject().name(ID).value(r.id()).name(WARMUP).value(r.warmup());
        return rest(r);
    }

    /** lem load's row: the portion, the scheduled send and the lateness after the id. */
    public JsonLine load(LoadRecord load) {
        RequestRecord r = load.request();
        line.clear().beginObject().name(ID).value(r.id()).name(PORTION).value(load.portion().jsonName());
        seconds(SCHEDULED_S, load.scheduledNs());
        line.name(LATENESS_MS).finiteOrNull(load.latenessMs());
        return rest(r);
    }

    private JsonLine rest(RequestRecord r) {
        line.name(STATUS).value(r.status().jsonName());
        line.name(HTTP_STATUS);
        if (r.httpStatus() == 0) {
            line.nullValue();
        } else {
            line.value(r.httpStatus());
        }
        line.name(SEND_S).value((r.sendNs() - anchorNs) / 1e9);
        seconds(FIRST_TOKEN_S, r.firstTokenNs());
        line.name(END_S).value((r.endNs() - anchorNs) / 1e9);
        count(PROMPT_TOKENS, r.promptTokens());
        count(COMPLETION_TOKENS, r.completionTokens());
        line.name(TOKENS_APPROXIMATE).value(r.tokensApproximate());
        line.name(CHUNKS).value(r.chunks()).name(REASONING_CHUNKS).value(r.reasoningChunks());
        line.name(TTFT_MS).finiteOrNull(r.ttftMs()).name(TPOT_MS).finiteOrNull(r.tpotMs());
        line.name(E2E_MS).value(r.e2eMs());
        line.name(CHUNK_MS).beginArray();
        for (long t : r.chunkTimesNs()) {
            line.value((t - r.sendNs()) / 1e6);
        }
        line.endArray();
        engine(r.engineTimings());
        return line.name(ERROR).value(r.error()).endObject().newline();
    }

    /** Ollama's counts and durations; -1 (absent) becomes null. */
    private void engine(EngineTimings t) {
        line.name(ENGINE);
        if (t == null) {
            line.nullValue();
            return;
        }
        line.beginObject();
        count(PROMPT_EVAL_COUNT, t.promptEvalCount());
        count(EVAL_COUNT, t.evalCount());
        ms(PROMPT_EVAL_DURATION_MS, t.promptEvalDurationNs());
        ms(EVAL_DURATION_MS, t.evalDurationNs());
        ms(LOAD_DURATION_MS, t.loadDurationNs());
        ms(TOTAL_DURATION_MS, t.totalDurationNs());
        line.endObject();
    }

    private void count(String key, int n) {
        line.name(key);
        if (n < 0) {
            line.nullValue();
        } else {
            line.value(n);
        }
    }

    /** A time on the run's clock in seconds since the anchor; -1 (none) becomes null. */
    private void seconds(String key, long ns) {
        line.name(key);
        if (ns < 0) {
            line.nullValue();
        } else {
            line.value((ns - anchorNs) / 1e9);
        }
    }

    private void ms(String key, long ns) {
        line.name(key);
        if (ns < 0) {
            line.nullValue();
        } else {
            line.value(ns / 1e6);
        }
    }
}
