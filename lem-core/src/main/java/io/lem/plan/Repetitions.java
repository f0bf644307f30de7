package io.lem.plan;

/**
 * How many cycles each point runs: a fixed number, or adaptively until its confidence interval is narrow enough
 * (docs/methodology.md "Adaptive repetition"; decided by {@link AdaptiveRule}).
 */
public sealed interface Repetitions {

    /** The cycles laid out before anything is measured. */
    int plannedCycles();

    /** The most cycles any point can run. */
    int maxCycles();

    /** {@code execution.cycles}: every point runs exactly this many cycles. */
    record Fixed(int cycles) implements Repetitions {
        @Override
        public int plannedCycles() {
            return cycles;
        }

        @Override
        public int maxCycles() {
            return cycles;
        }
    }

    /**
     * {@code execution.precision}, {@code min_cycles}, {@code max_cycles}: start with {@code minCycles}, then add
     * a cycle to each point whose 95 % CI half-width exceeds {@code precision} × |mean|, up to {@code maxCycles}.
     */
    record Adaptive(double precision, int minCycles, int maxCycles) implements Repetitions {
        public Adaptive {
            if (!(precision > 0 && precision < 1) || minCycles < 2 || maxCycles < minCycles) {
                throw new IllegalArgumentException("precision in (0, 1), 2 <= minCycles <= maxCycles; got "
                        + precision + ", " + minCycles + ", " + maxCycles);
            }
        }

        @Override
        public int plannedCycles() {
            return minCycles;
        }
    }
}
