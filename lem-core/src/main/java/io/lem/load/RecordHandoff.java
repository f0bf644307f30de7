package io.lem.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Carries finished records from the event loop to one writer thread in batches, so the sink (requests.jsonl) and
 * the progress listener never run on the loop. A batch goes when it is full or {@link #FLUSH_NS} after the
 * previous one; {@link #close} hands over the rest and waits until the writer has taken every record.
 */
final class RecordHandoff implements AutoCloseable {

    static final int BATCH = 256;
    static final long FLUSH_NS = 20_000_000L;

    private static final List<LoadRecord> END = List.of();

    private final LinkedBlockingQueue<List<LoadRecord>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private List<LoadRecord> batch = new ArrayList<>(BATCH);
    private long lastFlushNs;
    private volatile RuntimeException failure;

    RecordHandoff(RunState state, long nowNs) {
        lastFlushNs = nowNs;
        writer = Thread.ofPlatform().name("lem-load-writer").daemon().start(() -> {
            try {
                for (List<LoadRecord> records = queue.take(); records != END; records = queue.take()) {
                    if (failure == null) {
                        try {
                            records.forEach(state::complete);
                            state.flush();
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** On the loop: one finished record. */
    void add(LoadRecord record, long nowNs) {
        batch.add(record);
        if (batch.size() >= BATCH) {
            flush(nowNs);
        }
    }

    /** On the loop: hands over a partial batch once it has waited long enough. */
    void flushIfDue(long nowNs) {
        if (!batch.isEmpty() && nowNs - lastFlushNs >= FLUSH_NS) {
            flush(nowNs);
        }
    }

    /** Nanoseconds the loop may sleep before the partial batch is due (Long.MAX_VALUE when there is none). */
    long dueInNs(long nowNs) {
        return batch.isEmpty() ? Long.MAX_VALUE : Math.max(0, lastFlushNs + FLUSH_NS - nowNs);
    }

    private void flush(long nowNs) {
        queue.add(batch);
        batch = new ArrayList<>(BATCH);
        lastFlushNs = nowNs;
    }

    /** Hands over what is left and waits for the writer; rethrows the sink's first failure. */
    @Override
    public void close() throws InterruptedException {
        if (!batch.isEmpty()) {
            queue.add(batch);
            batch = new ArrayList<>();
        }
        queue.add(END);
        writer.join();
        if (failure != null) {
            throw failure;
        }
    }
}
