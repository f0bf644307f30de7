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
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>(requests.size()));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < Math.min(concurrency, requests.size()); c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        RequestRecord record = client.send(requests.get(i));
                        records.add(record);
                        sink.accept(record);
                    }
                });
            }
            clients.shutdown();
            while (!clients.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (Thread.currentThread().isInterrupted()) {
                    clients.shutdownNow();
                    throw new InterruptedException();
                }
            }
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
