package io.lem.load;

/**
 * Receives each request as soon as it completes (for example, to append it to requests.jsonl). The load engine calls
 * it from its one writer thread, then {@link #flush} after each batch; the blocking client's loops call it from many
 * threads at once and never flush, so a sink that buffers must also be safe there.
 */
@FunctionalInterface
public interface LoadSink {

    void accept(LoadRecord record);

    /** Called after each batch of records (the load engine hands them over in batches): make them durable. */
    default void flush() {
    }
}
