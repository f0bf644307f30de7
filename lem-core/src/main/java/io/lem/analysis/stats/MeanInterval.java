package io.lem.analysis.stats;

import java.util.Arrays;
import java.util.Locale;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The confidence interval of a mean across cycles, as study.json reports it and adaptive repetition stops on
 * (docs/methodology.md §16): Student's t below {@link BootstrapOptions#BCA_MIN_N} values, Efron's BCa bootstrap
 * from there on, none below 2.
 *
 * <p>Why not a bootstrap interval for few values: every bootstrap mean lies between the smallest and the largest
 * value, so with n = 3 the 95 % percentile interval is that range, which holds the true mean of normal values only
 * 1 − 2·(1/2)³ = 75 % of the time; {@code MeanIntervalTest} measures 75, 81, 82, 85 and 89 % at n = 3, 4,
 * 5, 6 and 8, against 95 % for t. A study's cycles are usually that few.
 */
public final class MeanInterval {

    private MeanInterval() {
    }

    public static ConfidenceInterval of(double[] values, BootstrapOptions options) {
        double[] x = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (x.length >= BootstrapOptions.BCA_MIN_N || x.length < 2) {
            return Bootstrap.meanCi(x, options);
        }
        // no resampling: the record says 0 resamples, and the seed only because the options carry it
        return studentT(x, options);
    }

    /** x̄ ± t(1 − (1 − level)/2, n − 1)·s/√n, s with n − 1 in the denominator; at least two finite values. */
    public static ConfidenceInterval studentT(double[] values, BootstrapOptions options) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("a t interval needs at least two values, got " + n);
        }
        double mean = Bootstrap.mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - options.level()) / 2);
        String note = String.format(Locale.ROOT, "Student t, t = %.6f with %d degrees of freedom: a bootstrap "
                + "interval of fewer than %d values is narrower than its level", t, n - 1, BootstrapOptions.BCA_MIN_N);
        return new ConfidenceInterval(mean, mean - t * standardError, mean + t * standardError, options.level(), n,
                CiMethod.STUDENT_T, 0, options.seed(), Double.NaN, Double.NaN, note);
    }
}
