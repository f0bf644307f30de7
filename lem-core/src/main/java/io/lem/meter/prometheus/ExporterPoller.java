package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.MeterException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes one exporter on its own daemon thread at the endpoint's interval and holds the latest extracted values,
 * so that the sampler's {@code read()} only copies numbers and never waits on the network. A value older than 3×
 * the interval is stale: {@link #copyLatest} then throws, with the last scrape error, and the sampler records a
 * failed read instead of a frozen value.
 *
 * <p>The held value changes in steps at scrape times while the sampler reads faster; integrating those steps
 * lags the true power by up to one scrape interval, which is why exporter intervals should be short next to the
 * windows measured.
 */
public final class ExporterPoller implements AutoCloseable {

    /** Turns one scrape into the meter's values, in domain order; may keep state (counter unwrapping). */
    @FunctionalInterface
    public interface Extractor {
        double[] extract(List<MetricFamily> families) throws MeterException;
    }

    private record Reading(long timeNs, double[] values) {
    }

    private final ExporterEndpoint endpoint;
    private final Clock clock;
    private final HttpClient http;
    private ScheduledExecutorService executor;
    private volatile Reading latest;
    private volatile String lastError = "no scrape yet";
    private final IssueLog issues = new IssueLog();

    public ExporterPoller(ExporterEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public ExporterEndpoint endpoint() {
        return endpoint;
    }

    /**
     * One synchronous scrape (used to discover domains before sampling starts, and by probes). A line that cannot be
     * parsed is skipped and logged for {@link #warnings()}; only a body with nothing parseable fails.
     */
    public List<MetricFamily> scrape() throws MeterException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout())
                .header("Accept", "text/plain; version=0.0.4").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeterException(endpoint.url() + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeterException(endpoint.url() + ": scrape interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new MeterException(endpoint.url() + " answered HTTP " + response.statusCode()
                    + " instead of 200 with metrics");
        }
        Exposition exposition = PrometheusText.read(response.body());
        List<LineIssue> skipped = exposition.skipped();
        if (exposition.families().isEmpty() && !skipped.isEmpty()) {
            throw new MeterException(endpoint.url() + " did not answer in the Prometheus text format: "
                    + skipped.getFirst().message() + (skipped.size() > 1 ? " (and " + (skipped.size() - 1)
                    + " more line(s) rejected)" : ""));
        }
        issues.record(exposition.issues());
        return exposition.families();
    }

    /**
     * The lines noted or skipped in this poller's scrapes, once per kind of problem with how often it was seen:
     * the rest of each scrape was used.
     */
    public List<String> warnings() {
        return issues.warnings(endpoint.url().toString());
    }

    /**
     * Extracts the first values from an already taken scrape (so that an extraction problem fails the open), then
     * scrapes in the background until {@link #close()}.
     */
    public void start(String threadName, Extractor extractor, List<MetricFamily> first) throws MeterException {
        if (executor != null) {
            throw new IllegalStateException("poller already started");
        }
        latest = new Reading(clock.nanoTime(), extractor.extract(first));
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(threadName).daemon(true).factory());
        long periodNs = endpoint.interval().toNanos();
        executor.scheduleAtFixedRate(() -> poll(extractor), periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    private void poll(Extractor extractor) {
        try {
            double[] values = extractor.extract(scrape());
            latest = new Reading(clock.nanoTime(), values);
        } catch (MeterException e) {
            lastError = e.getMessage();
        } catch (RuntimeException e) {
            // a failure must not end the schedule; it shows up as staleness with this message
            lastError = endpoint.url() + ": " + e;
        }
    }

    /** Copies the latest values; throws when they are older than 3× the scrape interval. */
    public void copyLatest(double[] into, int offset) throws MeterException {
        Reading r = latest;
        if (r == null) {
            throw new IllegalStateException("poller not started");
        }
        long ageNs = clock.nanoTime() - r.timeNs();
        if (ageNs > 3 * endpoint.interval().toNanos()) {
            throw new MeterException(String.format(Locale.ROOT, "%s: last good scrape %.3f s ago, more than 3 x the"
                    + " %.3f s interval; last error: %s", endpoint.url(), ageNs / 1e9,
                    endpoint.interval().toNanos() / 1e9, lastError));
        }
        System.arraycopy(r.values(), 0, into, offset, r.values().length);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(endpoint.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
