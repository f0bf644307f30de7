package io.lem.meter.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.lem.meter.rapl.RaplMeter;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.SysfsReader;

/**
 * Measured package energy attributed to the engine's process tree by its share of the machine's busy CPU time
 * (Scaphandre's method): per sampling interval, {@code ΔE_proc = ΔE_packages × Δcpu_tree / Δcpu_busy}, with
 * {@code Δcpu_busy} from {@code /proc/stat} ({@link SystemCpuTime}). The share is clamped to [0, 1] because the two
 * tick counters are read a few microseconds apart.
 *
 * <p>Only packages are attributed (DRAM energy does not follow CPU time). Because the share is of busy time, the
 * package's idle power is spread over whatever runs: the sum over all processes equals the package energy. The
 * domain is {@code process:<pid>}, kind PROCESS, {@code estimated = false}: a measurement divided by a rule, named
 * "attributed" in its source.
 */
public final class RaplShareMeter implements Meter {

    private final RaplMeter rapl;
    private final int[] packageIndexes;
    private final ProcessTreeCpu tree;
    private final SystemCpuTime system;
    private final Domain domain;
    private final double[] raplRow;
    private double lastPackagesJ;
    private long lastTreeTicks;
    private long lastBusyTicks;
    private double attributedJ;

    private RaplShareMeter(RaplMeter rapl, int[] packageIndexes, ProcessTreeCpu tree, SystemCpuTime system, int pid,
                           long treeTicks, long busyTicks) {
        this.rapl = rapl;
        this.packageIndexes = packageIndexes;
        this.tree = tree;
        this.system = system;
        this.raplRow = new double[rapl.domains().size()];
        this.lastTreeTicks = treeTicks;
        this.lastBusyTicks = busyTicks;
        List<String> ids = new ArrayList<>();
        for (int i : packageIndexes) {
            ids.add(rapl.domains().get(i).id());
        }
        this.domain = new Domain("process:" + pid, DomainKind.PROCESS, Quantity.ENERGY_J, false,
                "attributed: RAPL " + String.join(" + ", ids) + " energy x process tree " + pid
                        + " share of busy CPU time (/proc/stat), per sampling interval (Scaphandre's method)");
    }

    public static RaplShareMeter open(Path powercapRoot, Path procRoot, int pid, SysfsReader reader)
            throws MeterException {
        RaplMeter rapl = RaplMeter.open(powercapRoot, reader);
        int[] packages = java.util.stream.IntStream.range(0, rapl.domains().size())
                .filter(i -> rapl.domains().get(i).kind() == DomainKind.CPU_PACKAGE).toArray();
        if (packages.length == 0) {
            throw new MeterException("no RAPL package zone under " + powercapRoot
                    + ": the process share needs package energy; use the 'process-estimate' meter instead");
        }
        ProcessTreeCpu tree = new ProcessTreeCpu(procRoot, pid, reader);
        SystemCpuTime system = new SystemCpuTime(procRoot, reader);
        return new RaplShareMeter(rapl, packages, tree, system, pid, tree.readTicks(), system.busyTicks());
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<Domain> domains() {
        return List.of(domain);
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        rapl.read(raplRow, 0);
        long treeTicks = tree.readTicks();
        long busyTicks = system.busyTicks();
        double packagesJ = 0;
        for (int i : packageIndexes) {
            packagesJ += raplRow[i];
        }
        long busyDelta = busyTicks - lastBusyTicks;
        if (busyDelta > 0) {
            double share = Math.clamp((treeTicks - lastTreeTicks) / (double) busyDelta, 0.0, 1.0);
            attributedJ += (packagesJ - lastPackagesJ) * share;
        }
        lastPackagesJ = packagesJ;
        lastTreeTicks = treeTicks;
        lastBusyTicks = busyTicks;
        into[offset] = attributedJ;
    }
}
