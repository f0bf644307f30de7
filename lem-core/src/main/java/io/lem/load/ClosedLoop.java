package io.lem.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.client.InferenceClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.time.Clock;

/**
 * Closed-loop load: {@code concurrency} clients, each sending its next request as soon as its previous one ended,
 * until every request was sent. Records come back in completion order and go to the sink as they complete, so a
 * crash keeps what was measured.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public static List<RequestRecord> run(InferenceClient client, List<PromptRequest> requests, int concurrency,
                                          RecordSink sink) throws InterruptedException {
        return run(client, requests, concurrency, sink, new LoadStop());
    }

    /** As above, ending early when {@code stop} is stopped: no request is sent after it, those in flight are cancelled. */
    public static List<RequestRecord> run(InferenceClient client, List<PromptRequest> requests, int concurrency,
                                          RecordSink sink, LoadStop stop) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>(requests.size()));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < Math.min(concurrency, requests.size()); c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        if (Thread.currentThread().isInterrupted() || stop.stopped()) {
                            return;
                        }
                        RequestRecord record = client.send(requests.get(i));
                        // a cancelled request is still recorded; the flag is cleared first because a sink that
                        // writes through a file channel would otherwise close the file for every client
                        boolean cancelled = Thread.interrupted();
                        records.add(record);
                        sink.accept(record);
                        if (cancelled) {
                            return;
                        }
                    }
                });
            }
            // registered once every client runs, so a stop can never reject a submission
            Runnable unregister = stop.onStop(clients::shutdownNow);
            try {
                clients.shutdown();
                while (!clients.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (Thread.currentThread().isInterrupted()) {
                        clients.shutdownNow();
                        throw new InterruptedException();
                    }
                }
            } finally {
                unregister.run();
            }
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * A closed loop that stops by count or by time, marking warm-up and cool-down by the shape. A request is
     * classified by its index and the offset at which its client picks it up.
     */
    public static List<LoadRecord> run(InferenceClient client, ArrivalProcess.Closed process, LoadShape shape,
                                       RequestFactory factory, Clock clock, LoadSink sink,
                                       Progress.Listener listener) throws InterruptedException {
        int total = shape.stop() instanceof Extent.Requests(int n) ? n : -1;
        long endNs = shape.stop() instanceof Extent.Seconds s ? s.nanos() : -1;
        PortionRule rule = new PortionRule(shape.warmup(), shape.cooldown(), total, endNs);
        long startNs = clock.nanoTime();
        RunState state = new RunState(clock, startNs, total, endNs, sink, listener);
        AtomicInteger next = new AtomicInteger();
        int clients = total < 0 ? process.concurrency() : Math.min(process.concurrency(), total);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long offsetNs = clock.nanoTime() - startNs;
                        if (endNs >= 0 && offsetNs >= endNs) {
                            return;
                        }
                        int i = next.getAndIncrement();
                        if (total >= 0 && i >= total) {
                            return;
                        }
                        Arrival arrival = new Arrival(i, offsetNs, rule.classify(i, offsetNs), -1, -1);
                        state.complete(new LoadRecord(client.send(factory.create(arrival)), arrival.portion(), -1));
                        state.flush();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (Thread.interrupted()) {
                    pool.shutdownNow();
                    throw new InterruptedException();
                }
            }
        }
        return state.records();
    }
}
