package io.lem.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.lem.load.LoadRecord;

/**
 * What {@code lem load} checks around the run: that something answers at the endpoint before it starts (a run
 * against nothing "measures" 100 % connection errors), and whether every measured request failed after it ends.
 */
public final class LoadEndpoint {

    /** Long enough for a busy server to accept a connection, short enough that a typo fails at once. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private LoadEndpoint() {
    }

    /**
     * Why nothing answers at {@code endpoint}, or empty when something does. Any HTTP response counts (a 404 or
     * 401 on the root is still a server); only a failure to get one at all means there is nothing to load.
     */
    public static Optional<String> unreachable(HttpClient http, URI endpoint, Duration requestTimeout) {
        Duration timeout = requestTimeout.compareTo(PROBE_TIMEOUT) < 0 ? requestTimeout : PROBE_TIMEOUT;
        HttpRequest probe = HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build();
        try {
            http.send(probe, HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of("connection refused");
        } catch (HttpConnectTimeoutException e) {
            return Optional.of("no connection within " + timeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return Optional.of("connected, but no HTTP answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking it");
        }
    }

    /** The line that ends a run in which every measured request failed, or empty when any succeeded (or none ran). */
    public static Optional<String> allFailed(List<LoadRecord> records) {
        List<LoadRecord> measured = records.stream().filter(LoadRecord::measured).toList();
        if (measured.isEmpty() || measured.stream().anyMatch(r -> r.request().ok())) {
            return Optional.empty();
        }
        return Optional.of("every one of the " + measured.size() + " measured requests failed (first: "
                + measured.getFirst().request().status().jsonName() + ", " + measured.getFirst().request().error()
                + "); the figures describe failures, not the server: see requests.jsonl");
    }
}
