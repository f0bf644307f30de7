package io.lem.load;

import io.lem.client.RequestRecord;

/** Receives each request record as soon as it completes (for example, to append it to requests.jsonl). */
@FunctionalInterface
public interface RecordSink {

    void accept(RequestRecord record);
}
