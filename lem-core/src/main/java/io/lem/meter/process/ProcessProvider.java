package io.lem.meter.process;

import java.nio.file.Files;
import io.lem.meter.rapl.RaplProvider;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

/**
 * {@code process}: the engine's process tree. With readable RAPL, measured package energy attributed by CPU-time
 * share ({@link RaplShareMeter}); otherwise the CPU power estimate ({@link ProcessCpuMeter}). {@code
 * process-estimate} ({@link #estimateOnly()}) always uses the estimate, for comparing the two; it is not in auto.
 */
public final class ProcessProvider implements MeterProvider {

    private final boolean estimateOnly;
    private final RaplProvider rapl = new RaplProvider();

    private ProcessProvider(boolean estimateOnly) {
        this.estimateOnly = estimateOnly;
    }

    public static ProcessProvider attributed() {
        return new ProcessProvider(false);
    }

    public static ProcessProvider estimateOnly() {
        return new ProcessProvider(true);
    }

    @Override
    public String name() {
        return estimateOnly ? "process-estimate" : "process";
    }

    @Override
    public boolean inAuto() {
        return !estimateOnly;
    }

    @Override
    public Probe probe(MeterContext context) {
        String method;
        if (!estimateOnly && rapl.probe(context).available()) {
            method = "RAPL package energy attributed by CPU-time share";
        } else {
            try {
                method = "estimate: CPU time x " + context.cpuPowerModel().describe()
                        + "; " + CpuPowerModel.VALIDATION_ERROR;
            } catch (MeterException e) {
                return Probe.unavailable(e.getMessage(), null);
            }
        }
        if (context.enginePid().isEmpty()) {
            return Probe.available("engine process tree, " + method + " (needs the engine's pid at run time)");
        }
        int pid = context.enginePid().getAsInt();
        if (!Files.exists(context.procRoot().resolve(Integer.toString(pid)).resolve("stat"))) {
            return Probe.unavailable("process " + pid + " not found under " + context.procRoot(),
                    "pass the pid of the running engine");
        }
        return Probe.available("engine process tree " + pid + ", " + method);
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        if (context.enginePid().isEmpty()) {
            throw new MeterException("the " + name() + " meter needs the engine's pid; none was given"
                    + " (an engine lem does not launch has no known pid)");
        }
        int pid = context.enginePid().getAsInt();
        if (!estimateOnly && rapl.probe(context).available()) {
            return RaplShareMeter.open(context.powercapRoot(), context.procRoot(), pid, context.reader());
        }
        CpuPowerModel model = context.cpuPowerModel();
        return ProcessCpuMeter.open(context.procRoot(), pid, model, context.reader());
    }
}
