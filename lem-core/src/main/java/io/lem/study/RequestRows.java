package io.lem.study;

import java.util.Map;

import io.lem.client.RequestRecord;
import io.lem.result.JsonlWriter;
import io.lem.result.RequestRow;
import io.lem.result.RequestsJsonl;

/**
 * The requests.jsonl row of one request, shared by {@code lem run} and {@code lem load}: times in seconds since the
 * run's clock anchor, every chunk's time in ms after the send (so ITL and per-window tokens can be recomputed), the
 * server's token counts and, where the API reports them, the engine's own durations.
 */
public record RequestRows(JsonlWriter out, long anchorNs) {

    public void append(RequestRecord r) {
        out.append(toJson(r, anchorNs));
    }

    /** The row as a mutable map in file order ({@link RequestsJsonl}); lem load puts its schedule in front. */
    public static Map<String, Object> toJson(RequestRecord r, long anchorNs) {
        return RequestsJsonl.toJson(RequestRow.of(r, anchorNs));
    }
}
