package io.lem.meter.process;

import java.util.List;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;

/**
 * Estimated CPU energy of the whole machine: busy CPU time from {@code /proc/stat} (all processes, lem included)
 * times the CPU power model. The host-level stand-in for RAPL packages where no counter is readable, so that
 * totals keep the same scope (the machine) on every machine; labelled an estimate everywhere.
 */
public final class HostCpuMeter implements Meter {

    public static final String DOMAIN_ID = "cpu-host-estimate";

    private final SystemCpuTime system;
    private final CpuPowerModel model;
    private final long firstTicks;
    private final Domain domain;

    private HostCpuMeter(SystemCpuTime system, CpuPowerModel model, long firstTicks) {
        this.system = system;
        this.model = model;
        this.firstTicks = firstTicks;
        this.domain = new Domain(DOMAIN_ID, DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, true,
                "estimate: busy CPU time of the whole machine (/proc/stat) x " + model.describe() + "; "
                        + CpuPowerModel.VALIDATION_ERROR);
    }

    public static HostCpuMeter open(MeterContext context) throws MeterException {
        SystemCpuTime system = new SystemCpuTime(context.procRoot(), context.reader());
        return new HostCpuMeter(system, context.cpuPowerModel(), system.busyTicks());
    }

    @Override
    public String name() {
        return "host-estimate";
    }

    @Override
    public List<Domain> domains() {
        return List.of(domain);
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        double cpuSeconds = (system.busyTicks() - firstTicks) / (double) ProcessCpuMeter.CLOCK_TICKS_PER_S;
        into[offset] = model.energyJ(cpuSeconds);
    }
}
