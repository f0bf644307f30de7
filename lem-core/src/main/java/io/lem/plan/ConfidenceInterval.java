package io.lem.plan;

/**
 * A confidence interval of the mean of per-cycle values. A tiny interface so that the adaptive rule, in this
 * package, can use the intervals of the analysis package without depending on it.
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
}
