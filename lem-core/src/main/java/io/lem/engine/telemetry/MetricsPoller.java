package io.lem.engine.telemetry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.time.Clock;
import io.lem.load.MetricsScraper;

/**
 * Scrapes a {@link MetricsScraper} every period on a virtual thread from {@link #start} until {@link #close}, so
 * the engine's queue and cache state is stored beside the requests as a time series on the run's clock. A failed
 * scrape is counted and the polling goes on: the engine's metrics are context, not the measurement.
 */
public final class MetricsPoller implements AutoCloseable {

    /** One scrape: when (run's clock) and what. */
    public record Sample(long timeNs, Map<String, Double> values) {
        public Sample {
            values = Map.copyOf(values);
        }
    }

    private final MetricsScraper scraper;
    private volatile boolean running;
    private final Clock clock;
    private final Duration period;
    private final List<Sample> samples = new ArrayList<>();
    private int failures;
    private String lastError;
    private Thread thread;

    public MetricsPoller(MetricsScraper scraper, Clock clock, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be > 0, was " + period);
        }
        this.scraper = scraper;
        this.clock = clock;
        this.period = period;
    }

    public MetricsPoller start() {
        running = true;
        thread = Thread.ofVirtual().name("lem-metrics-poller").start(this::poll);
        return this;
    }

    private void poll() {
        while (running) {
            scrapeOnce();
            long wakeNs = System.nanoTime() + period.toNanos();
            while (running && System.nanoTime() < wakeNs) {
                java.util.concurrent.locks.LockSupport.parkNanos(wakeNs - System.nanoTime());
            }
        }
    }

    private void scrapeOnce() {
        try {
            Map<String, Double> values = scraper.scrape();
            long now = clock.nanoTime();
            synchronized (samples) {
                samples.add(new Sample(now, values));
            }
        } catch (IOException | RuntimeException e) {
            synchronized (samples) {
                failures++;
                lastError = String.valueOf(e.getMessage());
            }
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public int failures() {
        synchronized (samples) {
            return failures;
        }
    }

    /** The message of the latest failed scrape, or null. */
    public String lastError() {
        synchronized (samples) {
            return lastError;
        }
    }

    /**
     * Stops polling after one last scrape, so the series covers the end of the run. A scrape in flight is let
     * finish rather than interrupted: an interrupted HTTP call would count as a failed scrape.
     */
    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            running = false;
            java.util.concurrent.locks.LockSupport.unpark(thread);
            thread.join();
            thread = null;
            scrapeOnce();
        }
    }
}
