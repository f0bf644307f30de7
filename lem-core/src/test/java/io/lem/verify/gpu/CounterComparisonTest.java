package io.lem.verify.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import io.lem.config.ConfigException;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Quantity;
import io.lem.result.PowerCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison on power.csv files written by lem's own writer from signals whose answer is known: a power ramp
 * p(t) = P0 + K·t, its exact energy E(t) = P0·t + K·t²/2 as the counter, p itself as instant power (the trapezoid
 * rule is exact on a line), and the 1 s trailing mean of the ramp, p(t) − K/2, as the averaged power, which
 * therefore misses K/2 · W joules in every window of W seconds.
 */
class CounterComparisonTest {

    private static final double P0 = 100;
    private static final double K = 10;
    private static final double HZ = 100;
    private static final double END_S = 30;
    private static final double BUSY_FROM_S = 5;
    private static final double BUSY_TO_S = 25;

    @TempDir
    Path dir;

    private static double energy(double t) {
        return P0 * t + K * t * t / 2;
    }

    /** Rows at HZ from 0 to END_S: counter, averaged, instant, utilisation (100 % inside the busy span). */
    private Path rampCsv(DoubleUnaryOperator counter, int nanRow) throws IOException {
        Path file = dir.resolve("power.csv");
        try (PowerCsvWriter csv = new PowerCsvWriter(file, 0)) {
            csv.onStart(List.of(new Domain("gpu0", DomainKind.GPU, Quantity.ENERGY_J, false, "test"),
                    new Domain("gpu0:power_w", DomainKind.GPU, Quantity.GAUGE, false, "test"),
                    new Domain("gpu0:power_instant_w", DomainKind.GPU, Quantity.GAUGE, false, "test"),
                    new Domain("gpu0:sm_util_pct", DomainKind.GPU, Quantity.GAUGE, false, "test")));
            for (int i = 0; i <= END_S * HZ; i++) {
                double t = i / HZ;
                double p = P0 + K * t;
                double util = t >= BUSY_FROM_S && t <= BUSY_TO_S ? 100 : 0;
                csv.onSample(Math.round(t * 1e9), new double[] {counter.applyAsDouble(t), p - K / 2,
                        i == nanRow ? Double.NaN : p, util});
            }
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gpu0(Map<String, Object> json) {
        return ((List<Map<String, Object>>) json.get("gpus")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> window(Map<String, Object> gpu, double w) {
        return ((List<Map<String, Object>>) gpu.get("windows")).stream()
                .filter(r -> (double) r.get("window_s") == w).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static double stat(Map<String, Object> window, String method, String figure) {
        return (double) ((Map<String, Object>) window.get(method)).get(figure);
    }

    @Test
    void slidingWindowsOverTheBusySpanGiveTheKnownDifferences() throws IOException {
        // one instant reading missing: integrated across, as a reader of the file would
        Path file = rampCsv(CounterComparisonTest::energy, 1234);
        Map<String, Object> gpu = gpu0(CounterComparison.compare(PowerCsvTable.read(file), "power.csv", null, null,
                CounterComparison.DEFAULT_WINDOWS_S));

        @SuppressWarnings("unchecked")
        Map<String, Object> span = (Map<String, Object>) gpu.get("span");
        assertThat((double) span.get("from_s")).isCloseTo(BUSY_FROM_S, within(1e-9));
        assertThat((double) span.get("to_s")).isCloseTo(BUSY_TO_S, within(1e-9));
        assertThat((String) span.get("rule")).contains("gpu0:sm_util_pct");
        double spanJ = energy(BUSY_TO_S) - energy(BUSY_FROM_S);
        assertThat((double) gpu.get("counter_energy_j")).isCloseTo(spanJ, within(1e-6));
        assertThat((double) gpu.get("instant_rel_diff")).isCloseTo(0, within(1e-9));
        assertThat((double) gpu.get("average_rel_diff"))
                .isCloseTo(-K / 2 * (BUSY_TO_S - BUSY_FROM_S) / spanJ, within(1e-9));

        for (double w : CounterComparison.DEFAULT_WINDOWS_S) {
            Map<String, Object> row = window(gpu, w);
            int count = (int) Math.floor((BUSY_TO_S - BUSY_FROM_S - w) / (w / 2) + 1e-9) + 1;
            assertThat(row.get("windows")).as("windows of %s s", w).isEqualTo(count);
            double sum = 0;
            double maxAbs = 0;
            for (int j = 0; j < count; j++) {
                double a = BUSY_FROM_S + j * w / 2;
                double rel = -K / 2 * w / (energy(a + w) - energy(a));
                sum += rel;
                maxAbs = Math.max(maxAbs, Math.abs(rel));
            }
            assertThat(stat(row, "average", "mean_rel_diff")).isCloseTo(sum / count, within(1e-9));
            assertThat(stat(row, "average", "max_abs_rel_diff")).isCloseTo(maxAbs, within(1e-9));
            assertThat(stat(row, "instant", "max_abs_rel_diff")).isCloseTo(0, within(1e-9));
            assertThat(((Map<?, ?>) row.get("instant")).get("windows_compared")).isEqualTo(count);
        }
    }

    @Test
    void aCounterTheDriverRefreshesEvery100MsShowsItsUpdateInterval() throws IOException {
        double refreshS = 0.1;
        Path file = rampCsv(t -> energy(Math.floor(t / refreshS + 1e-9) * refreshS), -1);
        Map<String, Object> gpu = gpu0(CounterComparison.compare(PowerCsvTable.read(file), "power.csv", null, null,
                List.of(0.5)));
        @SuppressWarnings("unchecked")
        Map<String, Object> updates = (Map<String, Object>) gpu.get("median_update_interval_s");
        assertThat((double) updates.get("counter")).isCloseTo(refreshS, within(1e-9));
        assertThat((double) updates.get("instant")).isCloseTo(1 / HZ, within(1e-9));
    }

    @Test
    void anExplicitSpanWinsAndOneOutsideTheFileIsAnError() throws IOException {
        PowerCsvTable csv = PowerCsvTable.read(rampCsv(CounterComparisonTest::energy, -1));
        Map<String, Object> gpu = gpu0(CounterComparison.compare(csv, "power.csv", 1.0, 3.0, List.of(2.0)));
        assertThat((double) gpu.get("counter_energy_j")).isCloseTo(energy(3) - energy(1), within(1e-6));
        assertThat(window(gpu, 2.0).get("windows")).isEqualTo(1);
        assertThatThrownBy(() -> CounterComparison.compare(csv, "power.csv", 40.0, 50.0, List.of(2.0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--from/--to");
        assertThatThrownBy(() -> CounterComparison.compare(csv, "power.csv", null, null, List.of(0.0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--windows");
    }

    @Test
    void aFileWithoutAGpuCounterOrWithABadRowIsAnErrorNamingIt() throws IOException {
        Path cpu = Files.writeString(dir.resolve("cpu.csv"), "t_s,cpu-package0_energy_j\n0.0,1.0\n0.1,2.0\n");
        assertThatThrownBy(() -> CounterComparison.compare(PowerCsvTable.read(cpu), "cpu.csv", null, null,
                List.of(0.5))).isInstanceOf(ConfigException.class).hasMessageContaining("gpu<i>_energy_j");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "t_s,gpu0_energy_j\n0.0,1.0\n0.1,x\n");
        assertThatThrownBy(() -> PowerCsvTable.read(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.csv:3").hasMessageContaining("'x'");
        Path cut = Files.writeString(dir.resolve("cut.csv"), "t_s,gpu0_energy_j,gpu0:power_w\n0.0,1.0,2.0\n0.1,2");
        assertThatThrownBy(() -> PowerCsvTable.read(cut)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cut.csv:3").hasMessageContaining("2 cells");
    }
}
