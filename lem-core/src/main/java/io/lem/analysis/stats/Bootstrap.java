package io.lem.analysis.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Bootstrap confidence intervals of a statistic of per-cycle values (Efron and Tibshirani, "An Introduction to the
 * Bootstrap", 1993: percentile interval ch. 13, BCa ch. 14.3; docs/methodology.md "Statistics").
 *
 * <p>The resamples are a contract, so that a published interval can be redrawn: a {@link SplittableRandom} seeded
 * with {@link BootstrapOptions#seed()} draws, for resample b = 0 … B−1 and position i = 0 … n−1 in that order,
 * the index {@code nextInt(n)}. Quantiles of the B sorted statistics interpolate linearly at rank (B − 1)·p, the
 * rule of {@link io.lem.analysis.Distribution#percentile} and numpy's default.
 *
 * <p>Non-finite values (a failed cycle) are dropped before anything else; {@code n} counts what is left.
 */
public final class Bootstrap {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private Bootstrap() {
    }

    /** The mean's interval: BCa when n ≥ {@link BootstrapOptions#BCA_MIN_N}, else percentile, none below 2. */
    public static ConfidenceInterval meanCi(double[] values, BootstrapOptions options) {
        return ci(values, Bootstrap::mean, options);
    }

    /**
     * The interval of any statistic. The function may be handed the same array again with other contents, so it
     * must not keep it.
     */
    public static ConfidenceInterval ci(double[] values, ToDoubleFunction<double[]> statistic,
                                        BootstrapOptions options) {
        double[] x = finite(values);
        return x.length >= BootstrapOptions.BCA_MIN_N ? bca(x, statistic, options)
                : percentile(x, statistic, options);
    }

    /** Efron's percentile interval: the α/2 and 1 − α/2 quantiles of the bootstrap statistics. */
    public static ConfidenceInterval percentile(double[] values, ToDoubleFunction<double[]> statistic,
                                                BootstrapOptions options) {
        double[] x = finite(values);
        if (x.length < 2) {
            return none(x, statistic, options);
        }
        double[] sorted = resampleStatistics(x, statistic, options);
        double alpha = 1 - options.level();
        return new ConfidenceInterval(statistic.applyAsDouble(x.clone()), quantile(sorted, alpha / 2),
                quantile(sorted, 1 - alpha / 2), options.level(), x.length, CiMethod.PERCENTILE,
                options.resamples(), options.seed(), Double.NaN, Double.NaN, null);
    }

    /**
     * Efron's BCa interval (Efron and Tibshirani 1993, eq. 14.9–14.15): the quantiles are moved to
     * Φ(z0 + (z0 + z_α) / (1 − a·(z0 + z_α))) with the bias correction z0 = Φ⁻¹(share of resamples below the
     * estimate, ties counting half, as scipy.stats.bootstrap does) and the acceleration a from the jackknife
     * ({@link #acceleration}). Where z0 is infinite (every resample on one side) or the adjustment leaves (0, 1),
     * the percentile interval is returned with a note saying so.
     */
    public static ConfidenceInterval bca(double[] values, ToDoubleFunction<double[]> statistic,
                                         BootstrapOptions options) {
        double[] x = finite(values);
        if (x.length < 2) {
            return none(x, statistic, options);
        }
        double estimate = statistic.applyAsDouble(x.clone());
        double[] sorted = resampleStatistics(x, statistic, options);
        double below = 0;
        for (double s : sorted) {
            below += s < estimate ? 1 : s == estimate ? 0.5 : 0;
        }
        double share = below / sorted.length;
        double alpha = 1 - options.level();
        if (share <= 0 || share >= 1) {
            return fallback(x, estimate, sorted, options, "every resample lies on one side of the estimate, so the "
                    + "bias correction is infinite");
        }
        double z0 = STANDARD_NORMAL.inverseCumulativeProbability(share);
        double a = acceleration(x, statistic);
        double lowP = adjusted(z0, a, STANDARD_NORMAL.inverseCumulativeProbability(alpha / 2));
        double highP = adjusted(z0, a, STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2));
        if (!(lowP > 0 && highP < 1 && lowP < highP)) {
            return fallback(x, estimate, sorted, options, "the BCa adjustment (z0 = " + z0 + ", a = " + a
                    + ") leaves the range of probabilities");
        }
        return new ConfidenceInterval(estimate, quantile(sorted, lowP), quantile(sorted, highP), options.level(),
                x.length, CiMethod.BCA, options.resamples(), options.seed(), z0, a, null);
    }

    /**
     * The jackknife acceleration (Efron and Tibshirani 1993, eq. 14.15):
     * a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·(Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}), θ₍ᵢ₎ the statistic without value i and θ̄ their mean.
     * 0 when every θ₍ᵢ₎ is equal (no skew to correct).
     */
    public static double acceleration(double[] values, ToDoubleFunction<double[]> statistic) {
        int n = values.length;
        double[] jack = new double[n];
        double[] without = new double[n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    without[k++] = values[j];
                }
            }
            jack[i] = statistic.applyAsDouble(without);
        }
        double mean = mean(jack);
        double sumSq = 0;
        double sumCube = 0;
        for (double t : jack) {
            double d = mean - t;
            sumSq += d * d;
            sumCube += d * d * d;
        }
        return sumSq == 0 ? 0 : sumCube / (6 * Math.pow(sumSq, 1.5));
    }

    /** Linear interpolation at rank (length − 1)·p of sorted values. */
    static double quantile(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p;
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double adjusted(double z0, double a, double z) {
        double shifted = z0 + z;
        return STANDARD_NORMAL.cumulativeProbability(z0 + shifted / (1 - a * shifted));
    }

    private static double[] resampleStatistics(double[] x, ToDoubleFunction<double[]> statistic,
                                               BootstrapOptions options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        int n = x.length;
        double[] sample = new double[n];
        double[] statistics = new double[options.resamples()];
        for (int b = 0; b < statistics.length; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = x[random.nextInt(n)];
            }
            double s = statistic.applyAsDouble(sample);
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("the statistic returned " + s + " on bootstrap resample " + b
                        + ": it must be finite on any resample of the values");
            }
            statistics[b] = s;
        }
        Arrays.sort(statistics);
        return statistics;
    }

    private static ConfidenceInterval fallback(double[] x, double estimate, double[] sorted,
                                               BootstrapOptions options, String why) {
        double alpha = 1 - options.level();
        return new ConfidenceInterval(estimate, quantile(sorted, alpha / 2), quantile(sorted, 1 - alpha / 2),
                options.level(), x.length, CiMethod.PERCENTILE, options.resamples(), options.seed(), Double.NaN,
                Double.NaN, "percentile interval: " + why);
    }

    private static ConfidenceInterval none(double[] x, ToDoubleFunction<double[]> statistic,
                                           BootstrapOptions options) {
        double estimate = x.length == 0 ? Double.NaN : statistic.applyAsDouble(x.clone());
        return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, options.level(), x.length, CiMethod.NONE,
                options.resamples(), options.seed(), Double.NaN, Double.NaN,
                "no interval from " + x.length + " value(s): at least 2 are needed");
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}
