package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class PowerSummaryTest {

    private static final long PERIOD_NS = 100_000_000L;
    private static final Domain PACKAGE = new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, false, "rapl");
    private static final Domain GPU = new Domain("gpu0", DomainKind.GPU, Quantity.POWER_W, false, "nvml power");
    private static final Domain TEMP = new Domain("gpu0:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "nvml");
    private static final Domain PROCESS = new Domain("process:42", DomainKind.PROCESS, Quantity.ENERGY_J, true, "estimate");

    /** Constant power on every domain, jittered sample times: energies, means and active energies are exact. */
    @RepeatedTest(20)
    void constantPowerGivesExactFiguresAboveTheBaseline(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        double packageW = 5 + random.nextDouble(100);
        double gpuW = 50 + random.nextDouble(300);
        double processW = random.nextDouble(packageW);
        int n = 20 + random.nextInt(200);
        long[] t = new long[n];
        double[][] columns = new double[4][n];
        long now = 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            now += PERIOD_NS + random.nextLong(-PERIOD_NS / 5, PERIOD_NS / 5);
            t[i] = now;
            double s = (t[i] - t[0]) / 1e9;
            columns[0][i] = packageW * s;
            columns[1][i] = gpuW;
            columns[2][i] = 40 + random.nextDouble(20);
            columns[3][i] = processW * s;
        }
        PowerTrace trace = PowerTrace.of(List.of(PACKAGE, GPU, TEMP, PROCESS), t, columns);
        double idlePackageW = packageW * random.nextDouble();
        double idleGpuW = gpuW * random.nextDouble();
        long t0 = t[0] + random.nextLong(t[n - 1] - t[0]) / 2;
        long t1 = t[n - 1] - random.nextLong(t[n - 1] - t0) / 2;

        PowerSummary s = PowerSummary.of(trace, t0, t1, PERIOD_NS, Map.of("cpu-package0", idlePackageW, "gpu0", idleGpuW));

        double durationS = (t1 - t0) / 1e9;
        assertThat(s.durationS()).isCloseTo(durationS, within(1e-9));
        assertThat(s.domains()).extracting(f -> f.domain().id()).containsExactly("cpu-package0", "gpu0", "process:42");
        assertThat(s.domain("cpu-package0").meanPowerW()).isCloseTo(packageW, within(1e-6));
        assertThat(s.domain("gpu0").energyJ()).isCloseTo(gpuW * durationS, within(1e-6));
        assertThat(s.domain("gpu0").active().energyJ()).isCloseTo((gpuW - idleGpuW) * durationS, within(1e-6));
        assertThat(s.domain("process:42").idlePowerW()).isNaN();
        assertThat(s.figures().totalEnergyJ()).isCloseTo((packageW + gpuW) * durationS, within(1e-6));
        assertThat(s.figures().llmEnergyJ()).isCloseTo(processW * durationS, within(1e-6));
        assertThat(s.totalActive().energyJ())
                .isCloseTo((packageW + gpuW - idlePackageW - idleGpuW) * durationS, within(1e-6));
        assertThat(s.meanTotalPowerW()).isCloseTo(packageW + gpuW, within(1e-6));
    }

    @Test
    void withoutABaselineThereIsNoActiveEnergy() {
        long[] t = {0, PERIOD_NS, 2 * PERIOD_NS};
        PowerTrace trace = PowerTrace.of(List.of(PACKAGE), t, new double[] {0, 1, 2});
        PowerSummary s = PowerSummary.of(trace, 0, 2 * PERIOD_NS, PERIOD_NS, Map.of());
        assertThat(s.totalActive().energyJ()).isNaN();
        assertThat(s.domain("cpu-package0").active().energyJ()).isNaN();
        assertThat(s.figures().totalEnergyJ()).isCloseTo(2, within(1e-12));
        assertThat(s.warnings()).anyMatch(w -> w.contains("only 3 samples"));
    }

    @Test
    void idlePowersComeFromTheWholeBaselineTraceAndSkipGauges() {
        long[] t = new long[11];
        double[] energy = new double[11];
        double[] temperature = new double[11];
        for (int i = 0; i <= 10; i++) {
            t[i] = i * PERIOD_NS;
            energy[i] = 3.0 * i * 0.1;
            temperature[i] = 50;
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Double> idle = PowerSummary.idlePowers(PowerTrace.of(List.of(PACKAGE, TEMP), t, energy, temperature),
                PERIOD_NS, warnings);
        assertThat(idle).containsOnlyKeys("cpu-package0");
        assertThat(idle.get("cpu-package0")).isCloseTo(3.0, within(1e-9));
        assertThat(warnings).isEmpty();

        List<String> few = new ArrayList<>();
        assertThat(PowerSummary.idlePowers(PowerTrace.of(List.of(PACKAGE), new long[] {0}, new double[] {0}),
                PERIOD_NS, few)).isEmpty();
        assertThat(few).singleElement().asString().contains("no idle power");
    }
}
