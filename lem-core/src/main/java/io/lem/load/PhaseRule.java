package io.lem.load;

/**
 * One rule of a run's excluded phases, warm-up or cool-down, shared by {@code lem run} and {@code lem load} and
 * evaluated by {@link PhaseRules}. A {@link Count} or a {@link Duration} classifies each request as it is sent: the
 * first (warm-up) or last (cool-down) requests, or those sent in the first or last seconds. Every warm-up rule but
 * the count is also a convergence rule, checked after each round of lem run's adaptive warm-up until all are met
 * or the cap is reached; a cool-down has no convergence rules.
 */
public sealed interface PhaseRule permits PhaseRule.Count, PhaseRule.Duration, PhaseRule.LatencyCv,
        PhaseRule.Thermal {

    /** The first (warm-up) or last (cool-down) {@code requests} requests. */
    record Count(int requests) implements PhaseRule {
        public Count {
            if (requests < 0) {
                throw new IllegalArgumentException("phase requests must be >= 0, was " + requests);
            }
        }
    }

    /**
     * Requests sent in the first (warm-up) or last (cool-down, before the stop) {@code seconds}; lem run keeps
     * warming up at least this long.
     */
    record Duration(double seconds) implements PhaseRule {
        public Duration {
            if (!(seconds >= 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("phase seconds must be finite and >= 0, was " + seconds);
            }
        }

        public long nanos() {
            return Math.round(seconds * 1e9);
        }
    }

    /** Until the end-to-end latency CV of the last {@code window} ok requests is below {@code below}. */
    record LatencyCv(double below, int window) implements PhaseRule {
    }

    /**
     * Until every temperature gauge's slope over the last {@code minS} seconds is below {@code maxSlopeCPerMin}
     * (and at least {@code minS} have passed); skipped with a warning where no gauge is sampled.
     */
    record Thermal(double maxSlopeCPerMin, double minS) implements PhaseRule {
    }
}
