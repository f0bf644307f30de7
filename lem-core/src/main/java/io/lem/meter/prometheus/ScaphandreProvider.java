package io.lem.meter.prometheus;

import io.lem.meter.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

import java.util.Map;
import java.util.Optional;

/**
 * {@code scaphandre}: reads a running Scaphandre Prometheus exporter. Configured by {@code LEM_SCAPHANDRE_URL}
 * (optional {@code LEM_SCAPHANDRE_INTERVAL_S}, {@code LEM_SCAPHANDRE_TIMEOUT_S}); in auto only when the URL is
 * set. The measured process is {@code LEM_SCAPHANDRE_PROCESS} ({@code label=value} or {@code label=~regex} on
 * exe, cmdline or pid) when set, else the engine's process tree when lem knows its pid, else none (host only).
 */
public final class ScaphandreProvider implements MeterProvider {

    static final String PREFIX = "LEM_SCAPHANDRE";
    static final String PROCESS_VARIABLE = PREFIX + "_PROCESS";
    static final String FIX = "start Scaphandre's exporter (e.g. `sudo scaphandre prometheus --address 127.0.0.1"
            + " --port 8080`) and set " + PREFIX + "_URL=http://127.0.0.1:8080/metrics";

    private final Map<String, String> env;
    private final Clock clock;

    public ScaphandreProvider() {
        this(System.getenv(), Clock.system());
    }

    public ScaphandreProvider(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scaphandre";
    }

    @Override
    public boolean inAuto() {
        String url = env.get(PREFIX + "_URL");
        return url != null && !url.isBlank();
    }

    @Override
    public Probe probe(MeterContext context) {
        ExporterEndpoint endpoint;
        try {
            Optional<ExporterEndpoint> configured = ExporterEndpoint.fromEnv(env, PREFIX);
            if (configured.isEmpty()) {
                return Probe.unavailable("no Scaphandre exporter configured (" + PREFIX + "_URL is not set)", FIX);
            }
            endpoint = configured.get();
            selector(context);
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), FIX);
        }
        try (ExporterPoller poller = new ExporterPoller(endpoint, clock)) {
            if (ScaphandreMeter.family(poller.scrape(), ScaphandreMeter.HOST_POWER) == null) {
                return Probe.unavailable(endpoint.url() + " has no " + ScaphandreMeter.HOST_POWER
                        + ": not Scaphandre's exporter", FIX);
            }
            return Probe.available("Scaphandre exporter at " + endpoint.url() + ", every "
                    + endpoint.interval().toMillis() + " ms");
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), FIX);
        }
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        ExporterEndpoint endpoint = ExporterEndpoint.fromEnv(env, PREFIX).orElseThrow(
                () -> new MeterException("no Scaphandre exporter configured (" + PREFIX + "_URL is not set): "
                        + FIX));
        return ScaphandreMeter.open(endpoint, selector(context), context.procRoot(), context.reader(), clock);
    }

    private Optional<ProcessSelector> selector(MeterContext context) throws MeterException {
        String text = env.get(PROCESS_VARIABLE);
        if (text != null && !text.isBlank()) {
            return Optional.of(ProcessSelector.parse(PROCESS_VARIABLE, text.strip()));
        }
        if (context.enginePid().isPresent()) {
            return Optional.of(new ProcessSelector.Tree(context.enginePid().getAsInt()));
        }
        return Optional.empty();
    }
}
