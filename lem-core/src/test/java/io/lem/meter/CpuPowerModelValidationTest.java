package io.lem.meter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import io.lem.testkit.PowercapTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Recomputes {@link CpuPowerModel#VALIDATION_MAPE} and {@link CpuPowerModel#VALIDATION_ENERGY_ERROR} from
 * CodeCarbon's four load-vs-RAPL runs and fails when the constants are stale.
 *
 * <p>For each load step the model's power is the per-logical-CPU rule applied at that load on all cores:
 * {@code load × logical CPUs × TDP / logical CPUs per package}; TDP is looked up in the bundled table through the same
 * name matching as production. Logical CPUs per package come from the vendors' specifications (not in the CSVs).
 */
class CpuPowerModelValidationTest {

    /** CSV file → logical CPUs per package (threads per socket, vendor specifications). */
    private static final Map<String, Integer> RUNS = Map.of(
            "compare_cpu_load_and_RAPL-all_cores-AMD_EPYC_8024P_8-Core_Processor-2025-01-14.csv", 16,
            "compare_cpu_load_and_RAPL-all_cores-AMD_Ryzen_Threadripper_1950X_16-Core_Processor-2025-01-14.csv", 32,
            "compare_cpu_load_and_RAPL-all_cores-Intel_R_Xeon_R_CPU_E3-1240_V2_3.40GHz-2025-01-14.csv", 8,
            "compare_cpu_load_and_RAPL-all_cores-Intel_R_Xeon_R_CPU_E5-2620_v3_2.40GHz-2025-01-14.csv", 12);

    @Test
    void statedErrorMatchesTheFourRuns() {
        TdpTable table = TdpTable.bundled();
        double apeSum = 0;
        int apeCount = 0;
        double absEnergyErrorJ = 0;
        double raplEnergyJ = 0;
        for (Map.Entry<String, Integer> run : RUNS.entrySet()) {
            List<String> lines = MeterFixtures.text("cpu/" + run.getKey()).lines().toList();
            List<String> header = List.of(lines.getFirst().split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                String cpuName = f[header.indexOf("cpu_name")];
                int logicalCpus = Integer.parseInt(f[header.indexOf("cores_used")]);
                double loadPct = Double.parseDouble(f[header.indexOf("cpu_load")]);
                double raplW = Double.parseDouble(f[header.indexOf("rapl_power")]);
                double durationS = Double.parseDouble(f[header.indexOf("duration")]);
                CpuPowerModel model = CpuPowerModel.forCpu(
                        new CpuInfo(cpuName, logicalCpus, run.getValue(), logicalCpus / run.getValue()), table);
                assertThat(model.fromTable()).as(cpuName + " must be in the TDP table").isTrue();
                assertThat(table.lookup(cpuName).orElseThrow().topology()).as("host threads of " + cpuName)
                        .hasValueSatisfying(t -> assertThat(t.threadsPerSocket()).isEqualTo(run.getValue()));
                double modelW = model.powerW(loadPct / 100 * logicalCpus);
                if (loadPct >= 10.0) {
                    apeSum += Math.abs(modelW - raplW) / raplW;
                    apeCount++;
                }
                absEnergyErrorJ += Math.abs(modelW - raplW) * durationS;
                raplEnergyJ += raplW * durationS;
            }
        }
        assertThat(apeCount).isEqualTo(40);
        double mape = apeSum / apeCount;
        double energyError = absEnergyErrorJ / raplEnergyJ;
        assertThat(mape).as("update CpuPowerModel.VALIDATION_MAPE to %.3f", mape)
                .isCloseTo(CpuPowerModel.VALIDATION_MAPE, within(0.0005));
        assertThat(energyError).as("update CpuPowerModel.VALIDATION_ENERGY_ERROR to %.3f", energyError)
                .isCloseTo(CpuPowerModel.VALIDATION_ENERGY_ERROR, within(0.0005));
        assertThat(CpuPowerModel.VALIDATION_ERROR)
                .isEqualTo("CPU estimate error vs RAPL on 4 CPUs: 33.6 % mean absolute error of power (load >= 10 %),"
                        + " 28.5 % of energy");
    }
}
