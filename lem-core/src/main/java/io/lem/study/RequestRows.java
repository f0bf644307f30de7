package io.lem.study;

import java.util.List;
import java.util.Map;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;
import io.lem.result.RequestRow;
import io.lem.result.RequestsJsonl;

/**
 * The requests.jsonl row of one request, shared by {@code lem run} and {@code lem load}: times in seconds since the
 * run's clock anchor, every chunk's time in ms after the send (so ITL and per-window tokens can be recomputed), the
 * server's token counts and, where the API reports them, the engine's own durations. Rows are written through
 * {@link RequestLine}; {@link #toJson} is the same row as a map, the form Jackson writes and the encoder's reference.
 */
public final class RequestRows {

    private final JsonlWriter out;
    private final RequestLine line;

    public RequestRows(JsonlWriter out, long anchorNs) {
        this.out = out;
        this.line = new RequestLine(anchorNs);
    }

    /** Writes and flushes one row; lem run's client threads call it concurrently. */
    public synchronized void append(RequestRecord r) {
        out.append(line.run(r));
    }

    /** The row as a mutable map in file order ({@link RequestsJsonl}); lem load puts its schedule in front. */
    public static Map<String, Object> toJson(RequestRecord r, long anchorNs) {
        return RequestsJsonl.toJson(row(r, anchorNs));
    }

    /** lem run's typed row of a request; {@code anchorNs} is the run's clock anchor. */
    public static RequestRow row(RequestRecord r, long anchorNs) {
        long[] chunkTimes = r.chunkTimesNs();
        Double[] chunkMs = new Double[chunkTimes.length];
        for (int i = 0; i < chunkTimes.length; i++) {
            chunkMs[i] = (chunkTimes[i] - r.sendNs()) / 1e6;
        }
        return new RequestRow(r.id(), r.warmup(), null, r.status().jsonName(),
                r.httpStatus() == 0 ? null : r.httpStatus(), (r.sendNs() - anchorNs) / 1e9,
                r.firstTokenNs() < 0 ? null : (r.firstTokenNs() - anchorNs) / 1e9, (r.endNs() - anchorNs) / 1e9,
                count(r.promptTokens()), count(r.completionTokens()), r.tokensApproximate(), r.chunks(),
                r.reasoningChunks(), Json.finiteOrNull(r.ttftMs()), Json.finiteOrNull(r.tpotMs()), r.e2eMs(),
                List.of(chunkMs), engine(r.engineTimings()), r.error());
    }

    /** Ollama's counts and durations; -1 (absent) becomes null. */
    private static RequestRow.EngineCounts engine(EngineTimings t) {
        return t == null ? null : new RequestRow.EngineCounts(count(t.promptEvalCount()), count(t.evalCount()),
                ms(t.promptEvalDurationNs()), ms(t.evalDurationNs()), ms(t.loadDurationNs()), ms(t.totalDurationNs()));
    }

    private static Long count(int n) {
        return n < 0 ? null : (long) n;
    }

    private static Double ms(long ns) {
        return ns < 0 ? null : ns / 1e6;
    }
}
