package io.lem.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's own window integrator on random traces: the invariants any correct integration must keep. */
class PowerTraceFileTest {

    @TempDir
    Path tmp;

    /**
     * A random trace where one domain is written twice, as a power column and as the counter obtained by integrating
     * it with the trapezoid rule: over windows whose edges are samples the two must agree, energy must add up over
     * adjacent windows, and the sum over domains must be the sum of each.
     */
    @RepeatedTest(20)
    void counterAndPowerColumnsAgreeAndWindowsAdd(RepetitionInfo repetition) throws IOException {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int n = 20 + random.nextInt(200);
        double[] t = new double[n];
        double[] p = new double[n];
        double[] c = new double[n];
        StringBuilder csv = new StringBuilder("t_s,a_energy_j,a2_power_w,b_energy_j,x:temperature_c\n");
        for (int i = 0; i < n; i++) {
            t[i] = i == 0 ? random.nextDouble(5) : t[i - 1] + 0.01 + random.nextDouble(0.5);
            p[i] = random.nextDouble(300);
            c[i] = i == 0 ? 0 : c[i - 1] + (t[i] - t[i - 1]) * (p[i] + p[i - 1]) / 2;
            csv.append(t[i]).append(',').append(c[i]).append(',').append(p[i]).append(',').append(2 * c[i])
                    .append(",50\n");
        }
        Files.writeString(tmp.resolve("power.csv"), csv);
        PowerTraceFile trace = PowerTraceFile.read(tmp);
        int i = random.nextInt(n - 2);
        int j = i + 1 + random.nextInt(n - i - 1);
        Window onSamples = new Window(t[i], t[j]);
        double mid = t[0] + random.nextDouble(t[n - 1] - t[0]);
        double a = t[0] + random.nextDouble(mid - t[0]);
        double b = mid + random.nextDouble(t[n - 1] - mid);

        double counter = trace.energyJ("a", onSamples).value();
        assertThat(trace.energyJ("a2", onSamples).value()).isCloseTo(counter, within(1e-9 * (1 + counter)));
        for (String id : List.of("a", "a2", "b")) {
            double whole = trace.energyJ(id, new Window(a, b)).value();
            double split = trace.energyJ(id, new Window(a, mid)).value() + trace.energyJ(id, new Window(mid, b)).value();
            assertThat(split).as(id).isCloseTo(whole, within(1e-9 * (1 + whole)));
        }
        assertThat(trace.sumJ(List.of("a", "b"), new Window(a, b)).value())
                .isCloseTo(3 * trace.energyJ("a", new Window(a, b)).value(), within(1e-9 * (1 + counter)));
    }

    @Test
    void windowsAreClampedToTheTraceAndGaugesAndEmptyCellsCarryNoEnergy() throws IOException {
        // a counter at 2 W from t = 1 to t = 3; the power column has no sample at t = 2 (it is 4 W throughout)
        Files.writeString(tmp.resolve("power.csv"), """
                t_s,a_energy_j,g_power_w,x:power_w
                1.0,0.0,4.0,100
                2.0,2.0,,100
                3.0,4.0,4.0,100
                """);
        PowerTraceFile trace = PowerTraceFile.read(tmp);

        assertThat(trace.energyJ("a", new Window(0, 10)).value()).isEqualTo(4.0);
        assertThat(trace.energyJ("a", new Window(1.5, 2.25)).value()).isEqualTo(1.5);
        assertThat(trace.energyJ("g", new Window(1.5, 2.5)).value()).isEqualTo(4.0);
        assertThat(trace.energyJ("x", new Window(1, 3)).present()).isFalse();
        assertThat(trace.energyJ("a", new Window(5, 6)).note()).contains("outside");
    }

    @Test
    void aDomainIdWithAColonIsStillEnergyWhenItsColumnSaysSo() throws IOException {
        // the engine's process domain is process:<pid>; only gauges carry their unit after the colon
        Files.writeString(tmp.resolve("power.csv"), """
                t_s,process:4242_energy_j,gpu0:power_w,gpu0:temperature_c
                1.0,0.0,100,40
                3.0,1.0,100,41
                """);
        PowerTraceFile trace = PowerTraceFile.read(tmp);
        assertThat(trace.energyJ("process:4242", new Window(1, 3)).value()).isEqualTo(1.0);
        assertThat(trace.energyJ("gpu0:power", new Window(1, 3)).present()).isFalse();
        assertThat(trace.energyJ("gpu0:temperature_c", new Window(1, 3)).present()).isFalse();
    }
}
