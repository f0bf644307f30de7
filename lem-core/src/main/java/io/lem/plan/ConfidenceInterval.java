package io.lem.plan;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * A confidence interval of the mean of per-cycle values. A tiny interface so that the adaptive rule can use the
 * t interval here or the bootstrap intervals of the analysis package alike.
 */
@FunctionalInterface
public interface ConfidenceInterval {

    /** The interval at {@code level} (e.g. 0.95) of the mean of {@code values} (at least two). */
    Interval of(double[] values, double level);

    record Interval(double lower, double upper) {
        /** Half the width; for an asymmetric (bootstrap) interval, half of upper − lower. */
        public double halfWidth() {
            return (upper - lower) / 2;
        }
    }

    /**
     * Student's t interval: mean ± t(1 − (1 − level) / 2, n − 1) · s / √n, with s the sample standard deviation
     * (n − 1 in the denominator). Exact for normal values; a fair rule for a handful of cycles.
     */
    static ConfidenceInterval studentT() {
        return (values, level) -> {
            int n = values.length;
            if (n < 2) {
                throw new IllegalArgumentException("a t interval needs at least two values, got " + n);
            }
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= n;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            double standardError = Math.sqrt(squares / (n - 1) / n);
            double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
            return new Interval(mean - t * standardError, mean + t * standardError);
        };
    }
}
