package io.lem.load;

/**
 * One rule of a warm-up, shared by {@code lem run} and {@code lem load} and evaluated by {@link WarmupRules}. A
 * {@link Count} or a {@link Duration} classifies each request as it is sent (lem load's leading portion; lem run's
 * first batch); every rule but the count is also a convergence rule, checked after each round of lem run's adaptive
 * warm-up until all are met or the cap is reached.
 */
public sealed interface WarmupRule permits WarmupRule.Count, WarmupRule.Duration, WarmupRule.LatencyCv,
        WarmupRule.Thermal {

    /** The first {@code requests} requests are warm-up. */
    record Count(int requests) implements WarmupRule {
        public Count {
            if (requests < 0) {
                throw new IllegalArgumentException("warm-up requests must be >= 0, was " + requests);
            }
        }
    }

    /** Requests sent in the first {@code seconds} are warm-up; lem run keeps warming up at least this long. */
    record Duration(double seconds) implements WarmupRule {
        public Duration {
            if (!(seconds >= 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("warm-up seconds must be finite and >= 0, was " + seconds);
            }
        }

        public long nanos() {
            return Math.round(seconds * 1e9);
        }
    }

    /** Until the end-to-end latency CV of the last {@code window} ok requests is below {@code below}. */
    record LatencyCv(double below, int window) implements WarmupRule {
    }

    /**
     * Until every temperature gauge's slope over the last {@code minS} seconds is below {@code maxSlopeCPerMin}
     * (and at least {@code minS} have passed); skipped with a warning where no gauge is sampled.
     */
    record Thermal(double maxSlopeCPerMin, double minS) implements WarmupRule {
    }
}
