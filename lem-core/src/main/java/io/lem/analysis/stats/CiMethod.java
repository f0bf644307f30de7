package io.lem.analysis.stats;

import java.util.Locale;

/** How a confidence interval was computed; its JSON name is the lower-case constant. */
public enum CiMethod {
    /** Efron's percentile interval: quantiles of the bootstrap distribution. */
    PERCENTILE,
    /**
     * Student's t interval of the mean, x̄ ± t(1 − α/2, n − 1)·s/√n: what {@link MeanInterval} gives for fewer than
     * {@link BootstrapOptions#BCA_MIN_N} values, where a bootstrap interval is too narrow for its level.
     */
    STUDENT_T,
    /** Efron's bias-corrected and accelerated interval (Efron and Tibshirani 1993, ch. 14). */
    BCA,
    /** Fewer than two values: no spread to resample, so no interval. */
    NONE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
