package io.lem.meter.prometheus;

import io.lem.meter.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

import java.util.Map;
import java.util.Optional;

/**
 * {@code dcgm}: reads a running NVIDIA dcgm-exporter. Configured by {@code LEM_DCGM_URL} (optional {@code
 * LEM_DCGM_INTERVAL_S}, {@code LEM_DCGM_TIMEOUT_S}); in auto only when the URL is set.
 */
public final class DcgmProvider implements MeterProvider {

    static final String PREFIX = "LEM_DCGM";
    static final String FIX = "start dcgm-exporter (e.g. `docker run -d --gpus all -p 9400:9400"
            + " nvcr.io/nvidia/k8s/dcgm-exporter`) and set " + PREFIX + "_URL=http://127.0.0.1:9400/metrics";

    private final Map<String, String> env;
    private final Clock clock;

    public DcgmProvider() {
        this(System.getenv(), Clock.system());
    }

    public DcgmProvider(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dcgm";
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
                return Probe.unavailable("no dcgm-exporter configured (" + PREFIX + "_URL is not set)", FIX);
            }
            endpoint = configured.get();
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), FIX);
        }
        try (ExporterPoller poller = new ExporterPoller(endpoint, clock)) {
            var families = poller.scrape();
            int gpus = DcgmMeter.byGpu(families, DcgmMeter.ENERGY).size();
            if (gpus == 0 && DcgmMeter.byGpu(families, DcgmMeter.POWER).isEmpty()) {
                return Probe.unavailable(endpoint.url() + " has no " + DcgmMeter.ENERGY + " or "
                        + DcgmMeter.POWER + " per GPU", "enable both fields in dcgm-exporter's counters file");
            }
            return Probe.available("dcgm-exporter at " + endpoint.url() + ", energy counter for " + gpus
                    + " GPU(s), every " + endpoint.interval().toMillis() + " ms");
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), FIX);
        }
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        ExporterEndpoint endpoint = ExporterEndpoint.fromEnv(env, PREFIX).orElseThrow(
                () -> new MeterException("no dcgm-exporter configured (" + PREFIX + "_URL is not set): " + FIX));
        return DcgmMeter.open(endpoint, clock);
    }
}
