package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;

import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * {@code scaphandre}: reads a running Scaphandre Prometheus exporter. Configured by {@code LEM_SCAPHANDRE_URL}
 * (optional {@code LEM_SCAPHANDRE_INTERVAL_S}, {@code LEM_SCAPHANDRE_TIMEOUT_S}); in auto only when the URL is
 * set. The measured process is {@code LEM_SCAPHANDRE_PROCESS} ({@code label=value} or {@code label=~regex} on
 * exe, cmdline or pid) when set, else the engine's process tree when lem knows its pid, else none (host only).
 */
public final class ScaphandreProvider extends ExporterProvider {

    static final String PREFIX = "LEM_SCAPHANDRE";
    static final String PROCESS_VARIABLE = PREFIX + "_PROCESS";
    static final String FIX = "start Scaphandre's exporter (e.g. `sudo scaphandre prometheus --address 127.0.0.1"
            + " --port 8080`) and set " + PREFIX + "_URL=http://127.0.0.1:8080/metrics";

    public ScaphandreProvider() {
        this(System.getenv(), Clock.system());
    }

    public ScaphandreProvider(Map<String, String> env, Clock clock) {
        super(env, clock, PREFIX, "Scaphandre exporter", FIX);
    }

    @Override
    public String name() {
        return "scaphandre";
    }

    @Override
    void validate(MeterContext context) throws MeterException {
        selector(context);
    }

    @Override
    Probe check(ExporterEndpoint endpoint, List<MetricFamily> families) {
        if (ScaphandreMeter.family(families, ScaphandreMeter.HOST_POWER) == null) {
            return Probe.unavailable(endpoint.url() + " has no " + ScaphandreMeter.HOST_POWER
                    + ": not Scaphandre's exporter", FIX);
        }
        return Probe.available("Scaphandre exporter at " + endpoint.url() + ", every "
                + endpoint.interval().toMillis() + " ms");
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        return ScaphandreMeter.open(endpointToOpen(), selector(context), context.procRoot(), context.reader(), clock);
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
