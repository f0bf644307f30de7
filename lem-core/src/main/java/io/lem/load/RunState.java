package io.lem.load;

import java.util.ArrayList;
import java.util.List;

import io.lem.time.Clock;

/**
 * What a running load shares between its request threads: records, counts, the sink and the progress listener.
 * Progress is told once per batch ({@link #flush}), not per record: at tens of thousands of requests a second a
 * Progress object and a listener call per record cost more than the printer that reads one every 100 ms.
 */
final class RunState {

    private final List<LoadRecord> records = new ArrayList<>();
    private int failed;
    private final Clock clock;
    private final long startNs;
    private final int total;
    private final long endNs;
    private final LoadSink sink;
    private final Progress.Listener listener;

    RunState(Clock clock, long startNs, int total, long endNs, LoadSink sink, Progress.Listener listener) {
        this.clock = clock;
        this.startNs = startNs;
        this.total = total;
        this.endNs = endNs;
        this.sink = sink;
        this.listener = listener;
    }

    void complete(LoadRecord record) {
        synchronized (records) {
            records.add(record);
            if (!record.request().ok()) {
                failed++;
            }
        }
        sink.accept(record);
    }

    /** After a batch of {@link #complete} calls: lets the sink make them durable and tells the progress. */
    void flush() {
        sink.flush();
        int done;
        int failedNow;
        synchronized (records) {
            done = records.size();
            failedNow = failed;
        }
        listener.progress(Progress.of(done, failedNow, total, clock.nanoTime() - startNs, endNs));
    }

    List<LoadRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
