package io.lem.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.time.Clock;

/** What a running load shares between its request threads: records, counts, the sink and the progress listener. */
final class RunState {

    private final List<LoadRecord> records = new ArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
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
        if (!record.request().ok()) {
            failed.incrementAndGet();
        }
        int done;
        synchronized (records) {
            records.add(record);
            done = records.size();
        }
        sink.accept(record);
        listener.progress(Progress.of(done, failed.get(), total, clock.nanoTime() - startNs, endNs));
    }

    /** After a batch of {@link #complete} calls: lets the sink make them durable. */
    void flush() {
        sink.flush();
    }

    List<LoadRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
