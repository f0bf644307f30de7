package io.lem.meter.prometheus;

import io.lem.meter.MeterException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how often to scrape one exporter.
 *
 * @param url      the {@code /metrics} URL
 * @param interval time between scrapes; a value older than 3× this is stale
 * @param timeout  connect and response timeout of one scrape
 */
public record ExporterEndpoint(URI url, Duration interval, Duration timeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public ExporterEndpoint {
        Objects.requireNonNull(url, "url");
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("scrape interval and timeout must be positive, were " + interval
                    + " and " + timeout);
        }
    }

    /**
     * Reads {@code <prefix>_URL} and the optional {@code <prefix>_INTERVAL_S} and {@code <prefix>_TIMEOUT_S} from an
     * environment map. Empty when the URL is not set: the exporter is then simply not configured.
     *
     * @throws MeterException when a variable is set but invalid; the message names it and the expected form
     */
    public static Optional<ExporterEndpoint> fromEnv(Map<String, String> env, String prefix) throws MeterException {
        String url = env.get(prefix + "_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ExporterEndpoint(parseUrl(prefix + "_URL", url.strip()),
                seconds(env, prefix + "_INTERVAL_S", DEFAULT_INTERVAL),
                seconds(env, prefix + "_TIMEOUT_S", DEFAULT_TIMEOUT)));
    }

    /** An http(s) URL; a bare {@code http://host:port} gets the conventional {@code /metrics} path. */
    static URI parseUrl(String variable, String text) throws MeterException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new MeterException(variable + "='" + text + "' is not a URL: " + e.getMessage()
                    + " (expected e.g. http://127.0.0.1:8080/metrics)");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new MeterException(variable + "='" + text + "' is not an http(s) URL with a host"
                    + " (expected e.g. http://127.0.0.1:8080/metrics)");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            uri = uri.resolve("/metrics");
        }
        return uri;
    }

    private static Duration seconds(Map<String, String> env, String variable, Duration fallback)
            throws MeterException {
        String text = env.get(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            double s = Double.parseDouble(text.strip());
            if (s >= 0.01 && s <= 3600) {
                return Duration.ofNanos(Math.round(s * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new MeterException(variable + "='" + text + "' must be a number of seconds in [0.01, 3600]");
    }
}
