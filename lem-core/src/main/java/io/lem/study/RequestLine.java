package io.lem.study;

import java.util.Arrays;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.load.LoadRecord;
import io.lem.load.Portion;
import io.lem.result.JsonLine;
import io.lem.result.RequestsJsonl;

/**
 * The requests.jsonl line of one request, encoded straight from the record into one reused buffer: the bytes that
 * Jackson writes for {@link RequestRows#toJson} (lem run) and {@link LoadRows#toJson} (lem load), without the map,
 * the boxed numbers and the typed row in between. Not thread-safe: one per writer, the line valid until the next call.
 */
public final class RequestLine {

    private static final JsonLine.Key CHUNKS = JsonLine.key(RequestsJsonl.CHUNKS);
    private static final JsonLine.Key CHUNK_MS = JsonLine.key(RequestsJsonl.CHUNK_MS);
    private static final JsonLine.Key COMPLETION_TOKENS = JsonLine.key(RequestsJsonl.COMPLETION_TOKENS);
    private static final JsonLine.Key E2E_MS = JsonLine.key(RequestsJsonl.E2E_MS);
    private static final JsonLine.Key END_S = JsonLine.key(RequestsJsonl.END_S);
    private static final JsonLine.Key ENGINE = JsonLine.key(RequestsJsonl.ENGINE);
    private static final JsonLine.Key ERROR = JsonLine.key(RequestsJsonl.ERROR);
    private static final JsonLine.Key EVAL_COUNT = JsonLine.key(RequestsJsonl.EVAL_COUNT);
    private static final JsonLine.Key EVAL_DURATION_MS = JsonLine.key(RequestsJsonl.EVAL_DURATION_MS);
    private static final JsonLine.Key FIRST_TOKEN_S = JsonLine.key(RequestsJsonl.FIRST_TOKEN_S);
    private static final JsonLine.Key HTTP_STATUS = JsonLine.key(RequestsJsonl.HTTP_STATUS);
    private static final JsonLine.Key ID = JsonLine.key(RequestsJsonl.ID);
    private static final JsonLine.Key LATENESS_MS = JsonLine.key(RequestsJsonl.LATENESS_MS);
    private static final JsonLine.Key LOAD_DURATION_MS = JsonLine.key(RequestsJsonl.LOAD_DURATION_MS);
    private static final JsonLine.Key PORTION = JsonLine.key(RequestsJsonl.PORTION);
    private static final JsonLine.Key PROMPT_EVAL_COUNT = JsonLine.key(RequestsJsonl.PROMPT_EVAL_COUNT);
    private static final JsonLine.Key PROMPT_EVAL_DURATION_MS = JsonLine.key(RequestsJsonl.PROMPT_EVAL_DURATION_MS);
    private static final JsonLine.Key PROMPT_TOKENS = JsonLine.key(RequestsJsonl.PROMPT_TOKENS);
    private static final JsonLine.Key REASONING_CHUNKS = JsonLine.key(RequestsJsonl.REASONING_CHUNKS);
    private static final JsonLine.Key SCHEDULED_S = JsonLine.key(RequestsJsonl.SCHEDULED_S);
    private static final JsonLine.Key SEND_S = JsonLine.key(RequestsJsonl.SEND_S);
    private static final JsonLine.Key STATUS = JsonLine.key(RequestsJsonl.STATUS);
    private static final JsonLine.Key TOKENS_APPROXIMATE = JsonLine.key(RequestsJsonl.TOKENS_APPROXIMATE);
    private static final JsonLine.Key TOTAL_DURATION_MS = JsonLine.key(RequestsJsonl.TOTAL_DURATION_MS);
    private static final JsonLine.Key TPOT_MS = JsonLine.key(RequestsJsonl.TPOT_MS);
    private static final JsonLine.Key TTFT_MS = JsonLine.key(RequestsJsonl.TTFT_MS);
    private static final JsonLine.Key WARMUP = JsonLine.key(RequestsJsonl.WARMUP);

    private static final String[] PORTIONS = Arrays.stream(Portion.values()).map(Portion::jsonName)
            .toArray(String[]::new);
    private static final String[] STATUSES = Arrays.stream(RequestStatus.values()).map(RequestStatus::jsonName)
            .toArray(String[]::new);

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
        line.clear().beginObject().name(ID).value(r.id()).name(PORTION).value(PORTIONS[load.portion().ordinal()]);
        seconds(SCHEDULED_S, load.scheduledNs());
        line.name(LATENESS_MS);
        if (load.scheduledNs() < 0) {
            line.nullValue();
        } else {
            line.scaled(r.sendNs() - load.scheduledNs(), 6);
        }
        return rest(r);
    }

    private JsonLine rest(RequestRecord r) {
        line.name(STATUS).value(STATUSES[r.status().ordinal()]);
        line.name(HTTP_STATUS);
        if (r.httpStatus() == 0) {
            line.nullValue();
        } else {
            line.value(r.httpStatus());
        }
        line.name(SEND_S).scaled(r.sendNs() - anchorNs, 9);
        seconds(FIRST_TOKEN_S, r.firstTokenNs());
        line.name(END_S).scaled(r.endNs() - anchorNs, 9);
        count(PROMPT_TOKENS, r.promptTokens());
        count(COMPLETION_TOKENS, r.completionTokens());
        line.name(TOKENS_APPROXIMATE).value(r.tokensApproximate());
        line.name(CHUNKS).value(r.chunks()).name(REASONING_CHUNKS).value(r.reasoningChunks());
        line.name(TTFT_MS);
        if (r.firstTokenNs() < 0) {
            line.nullValue();
        } else {
            line.scaled(r.firstTokenNs() - r.sendNs(), 6);
        }
        line.name(TPOT_MS).finiteOrNull(r.tpotMs());
        line.name(E2E_MS).scaled(r.endNs() - r.sendNs(), 6);
        line.name(CHUNK_MS).beginArray();
        for (long t : r.chunkTimesNs()) {
            line.scaled(t - r.sendNs(), 6);
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

    private void count(JsonLine.Key key, int n) {
        line.name(key);
        if (n < 0) {
            line.nullValue();
        } else {
            line.value(n);
        }
    }

    /** A time on the run's clock in seconds since the anchor; -1 (none) becomes null. */
    private void seconds(JsonLine.Key key, long ns) {
        line.name(key);
        if (ns < 0) {
            line.nullValue();
        } else {
            line.scaled(ns - anchorNs, 9);
        }
    }

    private void ms(JsonLine.Key key, long ns) {
        line.name(key);
        if (ns < 0) {
            line.nullValue();
        } else {
            line.scaled(ns, 6);
        }
    }
}
