package io.lem.load;

/**
 * Receives each request as soon as it completes (for example, to append it to requests.jsonl). Called from many
 * threads at once.
 */
@FunctionalInterface
public interface LoadSink {

    void accept(LoadRecord record);
}
