package io.lem.analysis;

import io.lem.analysis.AnalyticTraces.Shape;
import io.lem.meter.PowerTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.lem.analysis.AnalyticTraces.PERIOD_NS;
import static io.lem.analysis.AnalyticTraces.ns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowEnergyTest {

    private static final int POWER = 0;
    private static final int COUNTER = 1;

    static Stream<Arguments> shapesAndSeeds() {
        return Arrays.stream(Shape.values())
                .flatMap(shape -> LongStream.rangeClosed(1, 25).mapToObj(seed -> Arguments.of(shape, seed)));
    }

    /**
     * Random windows (5–115 s, not aligned to samples). Constant and linear power are integrated exactly by both
     * methods, and the counter of a ramp (quadratic) within 0.1 %. A step is exact only up to the sampling: the error
     * is bounded by the step height times the largest gap (half of it for trapezoids), which the test asserts.
     */
    @ParameterizedTest
    @MethodSource("shapesAndSeeds")
    void randomWindowsMatchTheExactIntegral(Shape shape, long seed) {
        PowerTrace trace = AnalyticTraces.trace(shape, seed);
        SplittableRandom random = new SplittableRandom(seed * 31);
        for (int i = 0; i < 20; i++) {
            double a = random.nextDouble(0, 115);
            double b = Math.min(120, a + random.nextDouble(5, 115));
            double exact = shape.energyJ.between(a, b);
            WindowEnergy power = WindowEnergy.of(trace, POWER, ns(a), ns(b), PERIOD_NS);
            WindowEnergy counter = WindowEnergy.of(trace, COUNTER, ns(a), ns(b), PERIOD_NS);
            assertThat(power.warnings()).isEmpty();
            assertThat(counter.samples()).isEqualTo(power.samples()).isGreaterThanOrEqualTo(49);
            assertThat(power.maxGapS()).isLessThanOrEqualTo(0.14 + 1e-9);
            switch (shape) {
                case CONSTANT -> {
                    assertThat(power.energyJ()).isCloseTo(exact, within(exact * 1e-9));
                    assertThat(counter.energyJ()).isCloseTo(exact, within(exact * 1e-9));
                }
                case RAMP -> {
                    assertThat(power.energyJ()).isCloseTo(exact, within(exact * 1e-9));
                    assertThat(counter.energyJ()).isCloseTo(exact, within(exact * 1e-3));
                }
                case STEP -> {
                    assertThat(power.energyJ()).isCloseTo(exact, within(shape.stepW * power.maxGapS() / 2 + 1e-9));
                    assertThat(counter.energyJ()).isCloseTo(exact, within(shape.stepW * counter.maxGapS() + 1e-9));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapesAndSeeds")
    void phasesCloseAndMatchTheirWindows(Shape shape, long seed) {
        PowerTrace trace = AnalyticTraces.trace(shape, seed);
        SplittableRandom random = new SplittableRandom(seed * 17);
        double start = random.nextDouble(0, 60);
        double split = start + random.nextDouble(1, 20);
        double end = split + random.nextDouble(5, 39);
        for (int column : new int[] {POWER, COUNTER}) {
            PhaseEnergy phases = PhaseEnergy.of(trace, column, ns(start), ns(split), ns(end), PERIOD_NS);
            double total = phases.totalEnergyJ();
            assertThat(Math.abs(phases.closureErrorJ())).isLessThan(total * 1e-3).isLessThan(1e-9 * total + 1e-9);
            assertThat(phases.prefillEnergyJ())
                    .isEqualTo(WindowEnergy.of(trace, column, ns(start), ns(split), PERIOD_NS).energyJ());
            if (shape == Shape.CONSTANT || shape == Shape.RAMP && column == POWER) {
                assertThat(phases.prefillEnergyJ()).isCloseTo(shape.energyJ.between(start, split),
                        within(shape.energyJ.between(start, split) * 1e-3));
                assertThat(phases.decodeEnergyJ()).isCloseTo(shape.energyJ.between(split, end),
                        within(shape.energyJ.between(split, end) * 1e-3));
            }
        }
    }

    @Test
    void windowOnExactSampleTimesIsExactForCounters() {
        PowerTrace trace = AnalyticTraces.trace(Shape.STEP, 7);
        long[] t = trace.timesNs();
        double[] c = trace.values(COUNTER);
        WindowEnergy w = WindowEnergy.of(trace, COUNTER, t[100], t[900], PERIOD_NS);
        assertThat(w.energyJ()).isEqualTo(c[900] - c[100]);
        assertThat(w.samples()).isEqualTo(801);
    }

    @Test
    void windowPartlyOutsideIsClampedWithWarnings() {
        PowerTrace trace = AnalyticTraces.trace(Shape.CONSTANT, 3);
        WindowEnergy w = WindowEnergy.of(trace, POWER, ns(-2), ns(3), PERIOD_NS);
        assertThat(w.energyJ()).isCloseTo(150.0, within(1e-9));
        assertThat(w.warnings()).containsExactly(
                "gpu0: window starts 2.000 s before the first sample: clamped, that part is not measured");
        WindowEnergy after = WindowEnergy.of(trace, COUNTER, ns(118), ns(125.5), PERIOD_NS);
        assertThat(after.energyJ()).isCloseTo(100.0, within(1e-9));
        assertThat(after.warnings()).anySatisfy(s -> assertThat(s).contains("ends 5.500 s after the last sample"));
        WindowEnergy outside = WindowEnergy.of(trace, COUNTER, ns(130), ns(140), PERIOD_NS);
        assertThat(outside.energyJ()).isZero();
        assertThat(outside.warnings()).last().asString().contains("does not overlap");
    }

    @Test
    void shortWindowAndGapsAreFlagged() {
        PowerTrace trace = AnalyticTraces.trace(Shape.CONSTANT, 5);
        WindowEnergy shortWindow = WindowEnergy.of(trace, POWER, ns(10.01), ns(10.55), PERIOD_NS);
        assertThat(shortWindow.energyJ()).isCloseTo(50 * 0.54, within(1e-9));
        assertThat(shortWindow.warnings()).singleElement().asString().contains("only").contains("samples");

        long[] t = trace.timesNs();
        long[] kept = LongStream.range(0, t.length).filter(i -> i < 500 || i > 515).map(i -> t[(int) i]).toArray();
        double[] p = new double[kept.length];
        double[] c = new double[kept.length];
        double[] allP = trace.values(POWER);
        double[] allC = trace.values(COUNTER);
        for (int i = 0, j = 0; i < t.length; i++) {
            if (i < 500 || i > 515) {
                p[j] = allP[i];
                c[j++] = allC[i];
            }
        }
        PowerTrace gappy = PowerTrace.of(trace.domains(), kept, p, c);
        WindowEnergy w = WindowEnergy.of(gappy, COUNTER, ns(40), ns(60), PERIOD_NS);
        assertThat(w.maxGapS()).isGreaterThan(1.5);
        assertThat(w.energyJ()).isCloseTo(1000.0, within(1e-9)); // constant power: the counter bridges the gap
        assertThat(w.warnings()).singleElement().asString().contains("exceeds 2 x the sampling period (0.100 s)");
    }

    @Test
    void baselineAndActiveEnergy() {
        PowerTrace trace = AnalyticTraces.trace(Shape.STEP, 11);
        Baseline idle = Baseline.of(trace, COUNTER, ns(5), ns(35), PERIOD_NS);
        assertThat(idle.idlePowerW()).isCloseTo(20.0, within(1e-9));
        assertThat(idle.durationS()).isEqualTo(30.0);
        assertThat(Baseline.meanPowerW(trace, POWER, ns(70), ns(100), PERIOD_NS)).isCloseTo(80.0, within(1e-9));
        double total = WindowEnergy.of(trace, COUNTER, ns(70), ns(100), PERIOD_NS).energyJ();
        assertThat(idle.active(total, 30).energyJ()).isCloseTo(60.0 * 30, within(1e-6));
        // below the idle power: not clamped to 0 but null, with the raw difference kept and both powers named
        ActiveEnergy below = idle.active(10, 30);
        assertThat(below.valid()).isFalse();
        assertThat(below.energyJ()).isNaN();
        assertThat(below.rawJ()).isEqualTo(10 - 20.0 * 30);
        assertThat(below.invalidWarning("the measured window")).get().asString()
                .contains("mean power 0.333 W is below the idle power 20.000 W").contains("active_energy_raw_j");
        assertThat(ActiveEnergy.NONE.invalidWarning("x")).isEmpty();
        Baseline after = Baseline.of(trace, COUNTER, ns(80), ns(110), PERIOD_NS);
        assertThat(Baseline.driftWarning(idle, after)).get().asString()
                .isEqualTo("baseline drift: idle power 20.00 W before, 80.00 W after (300 % > 10 %)");
        assertThat(Baseline.driftWarning(idle, idle)).isEmpty();
    }
}
