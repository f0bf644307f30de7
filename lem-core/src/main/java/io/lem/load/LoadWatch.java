package io.lem.load;

import io.lem.client.RequestRecord;

/**
 * Sees a load from the inside as it runs: each streamed chunk's arrival, each request as it goes out and as it ends.
 * The load engine calls it on its event loop, so every method must be quick; {@link #end} may block briefly only
 * where the request lost its connection (the engine watch waits there for an exit to register).
 */
public interface LoadWatch {

    LoadWatch NONE = new LoadWatch() {
    };

    /** A chunk arrived at {@code arrivedNs}. */
    default void chunk(long arrivedNs) {
    }

    /** A request is about to be sent. */
    default void begin() {
    }

    /** The request begun last-but-any ended with {@code record}. */
    default void end(RequestRecord record) {
    }
}
