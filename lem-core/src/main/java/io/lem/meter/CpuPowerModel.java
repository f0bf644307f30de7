package io.lem.meter;

import java.util.Locale;
import java.util.Optional;

/**
 * Estimated CPU power of a process from its CPU time, for machines without readable RAPL.
 *
 * <p>Rule: each busy logical CPU draws {@code TDP / hardware threads per package} watts, so a process using
 * {@code s} CPU-seconds is charged {@code s × TDP / threads} joules, and a fully loaded machine draws its TDP per
 * package. TDP comes from CodeCarbon's table ({@link TdpTable}) when the {@code model name} matches exactly;
 * otherwise {@value #DEFAULT_W_PER_LOGICAL_CPU} W per logical CPU is assumed. Why 4 W: the parts LLM servers and
 * cloud VMs run on draw 2–3 W per thread at TDP (EPYC 9654 360 W / 192 = 1.9 W, EPYC 7763 280 W / 128 = 2.2 W,
 * Xeon Platinum 8380 270 W / 80 = 3.4 W, table values), older and desktop parts 5–9 W (the four profiled CPUs below:
 * 5.6–8.6 W); 4 W sits between, rounded, and the model's own error (below) dominates that choice.
 *
 * <p>The thread count: on bare metal cpuinfo's {@code siblings}. In a VM ({@link Virtualisation}) {@code siblings}
 * is the guest's vCPU count while the model name is the host's CPU, and dividing a socket's TDP by two vCPUs would
 * charge each tens of times too much; there the host part's threads per socket from lem's thread table are used
 * (one vCPU is one host hardware thread), and where the table lacks the part, the same stated default of
 * {@value #DEFAULT_W_PER_LOGICAL_CPU} W per vCPU. The label ({@link #describe()}) says which case applied.
 *
 * <p>Validated against RAPL on the four CPUs CodeCarbon profiled (load 0–100 % on all cores, 30 s steps; see the
 * test resources' SOURCES.md): {@link #VALIDATION_ERROR}. A fitted idle share plus a concave load curve did not cut
 * the error by much on these runs (best grid point ~27 % MAPE vs 34 %, fitted on the same four CPUs), so the simple,
 * explainable rule stays. The estimate ignores idle power, frequency scaling and DRAM; report it as an estimate.
 *
 * @param cpuModel           {@code model name} from cpuinfo
 * @param tableName          the matched table row, or null when the default was used
 * @param tdpW               the matched TDP per package, or NaN
 * @param threadsPerPackage  the divisor of the TDP (siblings on bare metal, host threads in a VM), 0 with a default
 * @param wattsPerLogicalCpu power of one fully busy logical CPU (a vCPU in a VM)
 * @param platform           bare metal or VM, and the evidence
 * @param basis              how the figure was obtained, in words, for the label
 */
public record CpuPowerModel(String cpuModel, String tableName, double tdpW, int threadsPerPackage,
                            double wattsPerLogicalCpu, Virtualisation platform, String basis) {

    public static final double DEFAULT_W_PER_LOGICAL_CPU = 4.0;

    /** Mean absolute percentage error of the modelled power vs RAPL, load steps ≥ 10 %, four CPUs. */
    public static final double VALIDATION_MAPE = 0.336;

    /** |modelled − RAPL| energy summed over every load step, divided by the RAPL energy, four CPUs. */
    public static final double VALIDATION_ENERGY_ERROR = 0.285;

    public static final String VALIDATION_ERROR = String.format(Locale.ROOT,
            "CPU estimate error vs RAPL on 4 CPUs: %.1f %% mean absolute error of power (load >= 10 %%),"
                    + " %.1f %% of energy", VALIDATION_MAPE * 100, VALIDATION_ENERGY_ERROR * 100);

    /** The model for a CPU whose only VM evidence is cpuinfo's own flag. */
    public static CpuPowerModel forCpu(CpuInfo cpu, TdpTable table) {
        return forCpu(cpu, Virtualisation.fromCpuinfo(cpu), table);
    }

    public static CpuPowerModel forCpu(CpuInfo cpu, Virtualisation platform, TdpTable table) {
        String model = cpu.modelName();
        String unit = platform.vm() ? "vCPU" : "logical CPU";
        Optional<TdpTable.Entry> row = table.lookup(model);
        if (row.isEmpty()) {
            return new CpuPowerModel(model, null, Double.NaN, 0, DEFAULT_W_PER_LOGICAL_CPU, platform,
                    String.format(Locale.ROOT, "%s: '%s' not in CodeCarbon's TDP table: default %s W per %s",
                            platform.label(), model, trim(DEFAULT_W_PER_LOGICAL_CPU), unit));
        }
        TdpTable.Entry e = row.get();
        if (!platform.vm()) {
            int siblings = cpu.logicalCpusPerPackage();
            return new CpuPowerModel(model, e.name(), e.tdpW(), siblings, e.tdpW() / siblings, platform,
                    String.format(Locale.ROOT, "bare metal: %s TDP %s W / %d logical CPUs per package, CodeCarbon"
                            + " TDP table", e.name(), trim(e.tdpW()), siblings));
        }
        if (e.topology().isEmpty()) {
            return new CpuPowerModel(model, e.name(), e.tdpW(), 0, DEFAULT_W_PER_LOGICAL_CPU, platform,
                    String.format(Locale.ROOT, "%s: %s TDP %s W, but its threads per socket are not in lem's"
                                    + " thread table (and the guest's %d vCPUs are not the host's): default %s W per"
                                    + " vCPU", platform.label(), e.name(), trim(e.tdpW()), cpu.logicalCpusPerPackage(),
                            trim(DEFAULT_W_PER_LOGICAL_CPU)));
        }
        TdpTable.Topology host = e.topology().get();
        int threads = host.threadsPerSocket();
        return new CpuPowerModel(model, e.name(), e.tdpW(), threads, e.tdpW() / threads, platform,
                String.format(Locale.ROOT, "%s: %d-core %s TDP %s W / %d host threads per socket = %s W per"
                                + " vCPU-second, not / the guest's %d vCPUs (CodeCarbon TDP table; threads: %s)",
                        platform.label(), host.coresPerSocket(), e.name(), trim(e.tdpW()), threads,
                        trim(e.tdpW() / threads), cpu.logicalCpusPerPackage(), host.source()));
    }

    public boolean fromTable() {
        return tableName != null;
    }

    /** Power while {@code busyLogicalCpus} logical CPUs are fully busy (CPU-seconds per second). */
    public double powerW(double busyLogicalCpus) {
        return busyLogicalCpus * wattsPerLogicalCpu;
    }

    public double energyJ(double cpuSeconds) {
        return cpuSeconds * wattsPerLogicalCpu;
    }

    /**
     * "5.625 W/logical CPU (bare metal: AMD EPYC 8024P TDP 90 W / 16 logical CPUs per package, ...)", or in a VM
     * "3.375 W/vCPU (VM (hypervisor flag): 40-core Intel Xeon Platinum 8380 TDP 270 W / 80 host threads ...)".
     */
    public String describe() {
        return String.format(Locale.ROOT, "%s W/%s (%s)", trim(wattsPerLogicalCpu),
                platform.vm() ? "vCPU" : "logical CPU", basis);
    }

    /** Text for an estimate of {@code cpuSeconds}: "estimate: 1.5 s CPU x 11.25 W/logical CPU (...); error ...". */
    public String describe(double cpuSeconds) {
        return String.format(Locale.ROOT, "estimate: %s s CPU x %s; %s", trim(cpuSeconds), describe(),
                VALIDATION_ERROR);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
