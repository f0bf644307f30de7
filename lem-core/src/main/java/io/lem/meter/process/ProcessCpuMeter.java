package io.lem.meter.process;

import java.nio.file.Path;
import java.util.List;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.SysfsReader;

/**
 * Estimated energy of the engine's process tree: its CPU time ({@link ProcessTreeCpu}) times the power of one busy
 * logical CPU ({@link CpuPowerModel}). One domain {@code process:<pid>}, kind PROCESS, cumulative joules since open,
 * {@code estimated = true}. Used when RAPL cannot be read; {@link RaplShareMeter} replaces it when it can.
 *
 * <p>CPU time is in clock ticks of {@value #CLOCK_TICKS_PER_S} Hz: USER_HZ, which {@code getconf CLK_TCK} prints,
 * is 100 on every mainstream Linux architecture (x86, arm64) whatever the kernel's HZ.
 */
public final class ProcessCpuMeter implements Meter {

    public static final int CLOCK_TICKS_PER_S = 100;

    private final ProcessTreeCpu tree;
    private final CpuPowerModel model;
    private final int pid;
    private final Domain domain;
    private final long firstTicks;
    private double cpuSeconds;

    private ProcessCpuMeter(ProcessTreeCpu tree, CpuPowerModel model, int pid, long firstTicks) {
        this.tree = tree;
        this.model = model;
        this.pid = pid;
        this.firstTicks = firstTicks;
        this.domain = new Domain("process:" + pid, DomainKind.PROCESS, Quantity.ENERGY_J, true,
                "estimate: CPU time of process tree " + pid + " x " + model.describe() + "; "
                        + CpuPowerModel.VALIDATION_ERROR);
    }

    /** Opens the meter and takes the first reading; throws when the pid is not running under {@code procRoot}. */
    public static ProcessCpuMeter open(Path procRoot, int pid, CpuPowerModel model, SysfsReader reader)
            throws MeterException {
        ProcessTreeCpu tree = new ProcessTreeCpu(procRoot, pid, reader);
        return new ProcessCpuMeter(tree, model, pid, tree.readTicks());
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<Domain> domains() {
        return List.of(domain);
    }

    public CpuPowerModel model() {
        return model;
    }

    public int pid() {
        return pid;
    }

    /** CPU-seconds of the tree since open, as of the last read. */
    public double cpuSeconds() {
        return cpuSeconds;
    }

    /** The estimate so far, in words, for logs and results. */
    public String describe() {
        return model.describe(cpuSeconds);
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        cpuSeconds = (tree.readTicks() - firstTicks) / (double) CLOCK_TICKS_PER_S;
        into[offset] = model.energyJ(cpuSeconds);
    }
}
