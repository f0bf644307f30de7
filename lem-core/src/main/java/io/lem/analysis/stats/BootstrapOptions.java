package io.lem.analysis.stats;

import io.lem.config.ConfigException;

/**
 * How a bootstrap interval is drawn. The seed is part of the result: with it anyone can redraw the same resamples
 * (see {@link Bootstrap} for the exact stream), so an interval in study.json is reproducible, not just plausible.
 *
 * @param resamples how many resamples; at least {@link #MIN_RESAMPLES} (docs/methodology.md: "seeded, ≥ 2,000
 *                  resamples"), default {@link #DEFAULT_RESAMPLES}, cheap for the few cycles of a study point
 * @param level     confidence level, strictly between 0 and 1 (0.95 for a 95 % interval)
 * @param seed      seed of the {@link java.util.SplittableRandom} that draws the resample indices
 */
public record BootstrapOptions(int resamples, double level, long seed) {

    public static final int MIN_RESAMPLES = 2_000;
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final double DEFAULT_LEVEL = 0.95;
    public static final long DEFAULT_SEED = 20_240_601L;
    /** BCa needs enough values for the jackknife's acceleration to mean something (docs/methodology.md: BCa where n ≥ 10). */
    public static final int BCA_MIN_N = 10;

    public static final String RESAMPLES_FIELD = "analysis.bootstrap_resamples";
    public static final String LEVEL_FIELD = "analysis.confidence_level";

    public static final BootstrapOptions DEFAULT = new BootstrapOptions(DEFAULT_RESAMPLES, DEFAULT_LEVEL,
            DEFAULT_SEED);

    public BootstrapOptions {
        if (resamples < MIN_RESAMPLES) {
            throw new ConfigException(RESAMPLES_FIELD, "expected at least " + MIN_RESAMPLES + " resamples, got "
                    + resamples + "; fix: use " + DEFAULT_RESAMPLES + " (the default) or any value ≥ "
                    + MIN_RESAMPLES);
        }
        if (!(level > 0 && level < 1)) {
            throw new ConfigException(LEVEL_FIELD, "expected a level strictly between 0 and 1, got " + level
                    + "; fix: e.g. 0.95 for a 95 % interval");
        }
    }

    public BootstrapOptions withLevel(double newLevel) {
        return new BootstrapOptions(resamples, newLevel, seed);
    }

    public BootstrapOptions withSeed(long newSeed) {
        return new BootstrapOptions(resamples, level, newSeed);
    }

    public BootstrapOptions withResamples(int newResamples) {
        return new BootstrapOptions(newResamples, level, seed);
    }
}
