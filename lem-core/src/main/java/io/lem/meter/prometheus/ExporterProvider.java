package io.lem.meter.prometheus;

import java.util.List;
import java.util.Map;

import io.lem.time.Clock;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

/**
 * A meter that reads a Prometheus exporter configured by {@code <PREFIX>_URL} (and {@code _INTERVAL_S},
 * {@code _TIMEOUT_S}): in auto only when the URL is set; probed by one scrape that must hold the exporter's
 * metrics. An unreachable or unconfigured exporter is reported, never fatal under auto.
 */
abstract sealed class ExporterProvider implements MeterProvider permits DcgmProvider, ScaphandreProvider {

    final Map<String, String> env;
    final Clock clock;
    private final String prefix;
    private final String exporter;
    private final String fix;

    ExporterProvider(Map<String, String> env, Clock clock, String prefix, String exporter, String fix) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.prefix = prefix;
        this.exporter = exporter;
        this.fix = fix;
    }

    @Override
    public boolean inAuto() {
        String url = env.get(prefix + "_URL");
        return url != null && !url.isBlank();
    }

    @Override
    public Probe probe(MeterContext context) {
        ExporterEndpoint endpoint;
        try {
            endpoint = endpoint();
            validate(context);
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), fix);
        }
        try (ExporterPoller poller = new ExporterPoller(endpoint, clock)) {
            Probe probe = check(endpoint, poller.scrape());
            List<String> odd = poller.warnings();
            return !probe.available() || odd.isEmpty() ? probe : Probe.available(probe.reason() + "; "
                    + String.join("; ", odd));
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), fix);
        }
    }

    /** The configured endpoint, or an error naming the variable to set. */
    ExporterEndpoint endpoint() throws MeterException {
        return ExporterEndpoint.fromEnv(env, prefix).orElseThrow(() -> new MeterException("no " + exporter
                + " configured (" + prefix + "_URL is not set)"));
    }

    /** The same, for {@code open}: the message carries the fix. */
    ExporterEndpoint endpointToOpen() throws MeterException {
        try {
            return endpoint();
        } catch (MeterException e) {
            throw new MeterException(e.getMessage() + ": " + fix, e);
        }
    }

    /** Checks the rest of the configuration before the scrape; throws with the reason. */
    void validate(MeterContext context) throws MeterException {
    }

    /** Whether one scrape of the endpoint holds what the meter reads. */
    abstract Probe check(ExporterEndpoint endpoint, List<MetricFamily> families);
}
