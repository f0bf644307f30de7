package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;

import java.util.Map;
import java.util.List;

/**
 * {@code dcgm}: reads a running NVIDIA dcgm-exporter. Configured by {@code LEM_DCGM_URL} (optional {@code
 * LEM_DCGM_INTERVAL_S}, {@code LEM_DCGM_TIMEOUT_S}); in auto only when the URL is set.
 */
public final class DcgmProvider extends ExporterProvider {

    static final String PREFIX = "LEM_DCGM";
    static final String FIX = "start dcgm-exporter (e.g. `docker run -d --gpus all -p 9400:9400"
            + " nvcr.io/nvidia/k8s/dcgm-exporter`) and set " + PREFIX + "_URL=http://127.0.0.1:9400/metrics";

    public DcgmProvider() {
        this(System.getenv(), Clock.system());
    }

    public DcgmProvider(Map<String, String> env, Clock clock) {
        super(env, clock, PREFIX, "dcgm-exporter", FIX);
    }

    @Override
    public String name() {
        return "dcgm";
    }

    @Override
    Probe check(ExporterEndpoint endpoint, List<MetricFamily> families) {
        int gpus = DcgmMeter.byGpu(families, DcgmMeter.ENERGY).size();
        if (gpus == 0 && DcgmMeter.byGpu(families, DcgmMeter.POWER).isEmpty()) {
            return Probe.unavailable(endpoint.url() + " has no " + DcgmMeter.ENERGY + " or " + DcgmMeter.POWER
                    + " per GPU", "enable both fields in dcgm-exporter's counters file");
        }
        return Probe.available("dcgm-exporter at " + endpoint.url() + ", energy counter for " + gpus
                + " GPU(s), every " + endpoint.interval().toMillis() + " ms");
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        return DcgmMeter.open(endpointToOpen(), clock);
    }
}
