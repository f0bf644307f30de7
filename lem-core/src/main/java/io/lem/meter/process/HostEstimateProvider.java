package io.lem.meter.process;

import io.lem.meter.CpuPowerModel;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

/**
 * {@code host-estimate}: the whole machine's CPU energy estimated from {@code /proc/stat}. In auto it is opened
 * beside RAPL too, but {@link io.lem.analysis.DomainPolicy} sums it only when no measured package exists.
 */
public final class HostEstimateProvider implements MeterProvider {

    @Override
    public String name() {
        return "host-estimate";
    }

    @Override
    public Probe probe(MeterContext context) {
        try {
            return Probe.available("whole machine, estimate: busy CPU time x "
                    + context.cpuPowerModel().describe() + "; "
                    + CpuPowerModel.VALIDATION_ERROR + " (used for totals only where RAPL is not readable)");
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), null);
        }
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        return HostCpuMeter.open(context);
    }
}
