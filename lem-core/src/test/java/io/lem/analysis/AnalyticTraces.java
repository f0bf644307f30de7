package io.lem.analysis;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Traces of known power curves, sampled at 10 Hz with seeded jitter, as power and as a cumulative counter. */
final class AnalyticTraces {

    static final long ORIGIN_NS = 5_000_000_000L;
    static final long PERIOD_NS = 100_000_000L;
    static final double DURATION_S = 120;

    enum Shape {
        CONSTANT(t -> 50, (a, b) -> 50 * (b - a), 0),
        RAMP(t -> 10 + 2 * t, (a, b) -> 10 * (b - a) + (b * b - a * a), 0),
        STEP(t -> t < 61.234 ? 20 : 80, AnalyticTraces::stepEnergy, 60);

        final DoubleUnaryOperator powerW;
        final Integral energyJ;
        final double stepW;

        Shape(DoubleUnaryOperator powerW, Integral energyJ, double stepW) {
            this.powerW = powerW;
            this.energyJ = energyJ;
            this.stepW = stepW;
        }
    }

    interface Integral {
        double between(double aS, double bS);
    }

    private AnalyticTraces() {
    }

    private static double stepEnergy(double a, double b) {
        double s = 61.234;
        return 20 * (Math.min(b, s) - Math.min(a, s)) + 80 * (Math.max(b, s) - Math.max(a, s));
    }

    /** Columns: power (POWER_W) and counter (ENERGY_J) of the same curve. */
    static PowerTrace trace(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) (DURATION_S * 10) + 1;
        long[] times = new long[n];
        double[] power = new double[n];
        double[] counter = new double[n];
        for (int k = 0; k < n; k++) {
            long jitter = k == 0 || k == n - 1 ? 0 : random.nextLong(-20_000_000L, 20_000_001L);
            times[k] = ORIGIN_NS + k * PERIOD_NS + jitter;
            double t = seconds(times[k]);
            power[k] = shape.powerW.applyAsDouble(t);
            counter[k] = 1234.5 + shape.energyJ.between(0, t); // counters start anywhere
        }
        return PowerTrace.of(List.of(
                new Domain("gpu0", DomainKind.GPU, Quantity.POWER_W, false, "test " + shape),
                new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, false, "test " + shape)),
                times, power, counter);
    }

    static double seconds(long timeNs) {
        return (timeNs - ORIGIN_NS) / 1e9;
    }

    static long ns(double seconds) {
        return ORIGIN_NS + Math.round(seconds * 1e9);
    }
}
