package io.lem.meter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import io.lem.time.Clock;

/**
 * Reads every meter at a fixed rate on one dedicated thread and appends the rows to a {@link PowerTrace}. All
 * meters of a row share one timestamp (the midpoint of the reads), taken from the run's single clock.
 */
public final class Sampler implements AutoCloseable {

    private final List<Meter> meters;
    private final Clock clock;
    private final long periodNs;
    private final PowerTrace trace;
    private final List<SampleListener> listeners;
    private final Map<String, Long> errorCounts = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    public Sampler(List<Meter> meters, Clock clock, double rateHz, List<SampleListener> listeners) {
        if (!(rateHz > 0 && rateHz <= 10_000)) {
            throw new IllegalArgumentException("sampling rate must be in (0, 10000] Hz, was " + rateHz);
        }
        this.meters = List.copyOf(meters);
        this.clock = clock;
        this.periodNs = Math.round(1e9 / rateHz);
        this.listeners = List.copyOf(listeners);
        List<Domain> domains = new ArrayList<>();
        for (Meter meter : this.meters) {
            domains.addAll(meter.domains());
        }
        this.trace = new PowerTrace(domains);
    }

    public PowerTrace trace() {
        return trace;
    }

    public long periodNs() {
        return periodNs;
    }

    /** Failed reads per meter name; a non-empty map goes into the result's warnings. */
    public Map<String, Long> errorCounts() {
        return Map.copyOf(errorCounts);
    }

    /** Starts the sampling thread and returns once the first row has been taken. */
    public void start() throws InterruptedException {
        if (thread != null) {
            throw new IllegalStateException("sampler already started");
        }
        listeners.forEach(l -> l.onStart(trace.domains()));
        running = true;
        thread = Thread.ofPlatform().name("lem-sampler").daemon(true).unstarted(this::loop);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        started.await(10, TimeUnit.SECONDS);
    }

    /** Takes one last row, stops the thread and waits for it. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void loop() {
        double[] row = new double[trace.domains().size()];
        long next = clock.nanoTime();
        boolean first = true;
        while (true) {
            boolean last = !running;
            sampleOnce(row);
            if (first) {
                started.countDown();
                first = false;
            }
            if (last) {
                return;
            }
            next += periodNs;
            long wait = next - clock.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = clock.nanoTime(); // overrun: do not try to catch up with a burst of reads
            }
        }
    }

    private void sampleOnce(double[] row) {
        long before = clock.nanoTime();
        int offset = 0;
        for (Meter meter : meters) {
            try {
                meter.read(row, offset);
            } catch (MeterException e) {
                errorCounts.merge(meter.name(), 1L, Long::sum);
                listeners.forEach(l -> l.onError(meter.name(), e));
                return;
            } catch (RuntimeException e) {
                errorCounts.merge(meter.name(), 1L, Long::sum);
                MeterException wrapped = new MeterException(meter.name() + " read failed: " + e, e);
                listeners.forEach(l -> l.onError(meter.name(), wrapped));
                return;
            }
            offset += meter.domains().size();
        }
        long after = clock.nanoTime();
        long t = before + (after - before) / 2;
        trace.append(t, row);
        for (SampleListener listener : listeners) {
            listener.onSample(t, row);
        }
    }
}
