package io.lem.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.lem.client.InferenceClient;
import io.lem.time.Clock;

/**
 * Open-loop load: each request is sent at its scheduled offset on its own virtual thread, whether or not earlier
 * requests have finished; only the concurrency cap (when set) makes a due request wait, and its lateness records
 * that wait. Records go to the sink as requests complete.
 */
public final class OpenLoop {

    private OpenLoop() {
    }

    public static List<LoadRecord> run(InferenceClient client, Schedule schedule, RequestFactory factory, Clock clock,
                                       LoadSink sink, Progress.Listener listener) throws InterruptedException {
        int cap = schedule.shape().maxConcurrency();
        Semaphore slots = cap > 0 ? new Semaphore(cap) : null;
        long startNs = clock.nanoTime();
        long endNs = schedule.shape().stop() instanceof Extent.Seconds ? schedule.endNs() : -1;
        RunState state = new RunState(clock, startNs, schedule.size(), endNs, sink, listener);
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Arrival arrival : schedule.arrivals()) {
                long dueNs = startNs + arrival.offsetNs();
                waitUntil(clock, dueNs);
                if (slots != null) {
                    slots.acquire();
                }
                senders.submit(() -> {
                    try {
                        state.complete(new LoadRecord(client.send(factory.create(arrival)), arrival.portion(), dueNs));
                        state.flush();
                    } finally {
                        if (slots != null) {
                            slots.release();
                        }
                    }
                });
            }
            senders.shutdown();
            while (!senders.awaitTermination(1, TimeUnit.SECONDS)) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            throw e;
        } finally {
            senders.close();
        }
        return state.records();
    }

    /** Parks in steps, re-reading the run's clock, so an early wake-up never sends early. */
    private static void waitUntil(Clock clock, long dueNs) throws InterruptedException {
        for (long left = dueNs - clock.nanoTime(); left > 0; left = dueNs - clock.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
