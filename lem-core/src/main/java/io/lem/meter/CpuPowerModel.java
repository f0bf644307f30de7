package io.lem.meter;

import java.util.Locale;

/**
 * Estimated CPU power of a process from its CPU time, for machines without readable RAPL.
 *
 * <p>Rule: each busy logical CPU draws {@code TDP / logical CPUs per package} watts, so a process using
 * {@code s} CPU-seconds is charged {@code s × TDP / siblings} joules, and a fully loaded machine draws its TDP per
 * package. TDP comes from CodeCarbon's table ({@link TdpTable}) when the {@code model name} matches exactly;
 * otherwise {@value #DEFAULT_W_PER_LOGICAL_CPU} W per logical CPU is assumed. Why 4 W: the parts LLM servers and
 * cloud VMs run on draw 2–3 W per thread at TDP (EPYC 9654 360 W / 192 = 1.9 W, EPYC 7763 280 W / 128 = 2.2 W,
 * Xeon Platinum 8380 270 W / 80 = 3.4 W, table values), older and desktop parts 5–9 W (the four profiled CPUs below:
 * 5.6–8.6 W); 4 W sits between, rounded, and the model's own error (below) dominates that choice.
 *
 * <p>Validated against RAPL on the four CPUs CodeCarbon profiled (load 0–100 % on all cores, 30 s steps; see the
 * test resources' SOURCES.md): {@link #VALIDATION_ERROR}. A fitted idle share plus a concave load curve did not cut
 * the error by much on these runs (best grid point ~27 % MAPE vs 34 %, fitted on the same four CPUs), so the simple,
 * explainable rule stays. The estimate ignores idle power, frequency scaling and DRAM; report it as an estimate.
 *
 * @param cpuModel               {@code model name} from cpuinfo
 * @param tableName              the matched table row, or null when the default was used
 * @param tdpW                   the matched TDP per package, or NaN
 * @param logicalCpusPerPackage  siblings
 * @param wattsPerLogicalCpu     power of one fully busy logical CPU
 */
public record CpuPowerModel(String cpuModel, String tableName, double tdpW, int logicalCpusPerPackage,
                            double wattsPerLogicalCpu) {

    public static final double DEFAULT_W_PER_LOGICAL_CPU = 4.0;

    /** Mean absolute percentage error of the modelled power vs RAPL, load steps ≥ 10 %, four CPUs. */
    public static final double VALIDATION_MAPE = 0.336;

    /** |modelled − RAPL| energy summed over every load step, divided by the RAPL energy, four CPUs. */
    public static final double VALIDATION_ENERGY_ERROR = 0.285;

    public static final String VALIDATION_ERROR = String.format(Locale.ROOT,
            "CPU estimate error vs RAPL on 4 CPUs: %.1f %% mean absolute error of power (load >= 10 %%),"
                    + " %.1f %% of energy", VALIDATION_MAPE * 100, VALIDATION_ENERGY_ERROR * 100);

    public static CpuPowerModel forCpu(CpuInfo cpu, TdpTable table) {
        return table.lookup(cpu.modelName())
                .map(e -> new CpuPowerModel(cpu.modelName(), e.name(), e.tdpW(), cpu.logicalCpusPerPackage(),
                        e.tdpW() / cpu.logicalCpusPerPackage()))
                .orElseGet(() -> new CpuPowerModel(cpu.modelName(), null, Double.NaN, cpu.logicalCpusPerPackage(),
                        DEFAULT_W_PER_LOGICAL_CPU));
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

    /** "11.25 W/logical CPU (AMD EPYC 8024P TDP 90 W / 8 logical CPUs per package, CodeCarbon TDP table)". */
    public String describe() {
        String basis = fromTable()
                ? String.format(Locale.ROOT, "%s TDP %s W / %d logical CPUs per package, CodeCarbon TDP table",
                tableName, trim(tdpW), logicalCpusPerPackage)
                : String.format(Locale.ROOT, "'%s' not in CodeCarbon's TDP table: default %s W per logical CPU",
                cpuModel, trim(DEFAULT_W_PER_LOGICAL_CPU));
        return String.format(Locale.ROOT, "%s W/logical CPU (%s)", trim(wattsPerLogicalCpu), basis);
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
