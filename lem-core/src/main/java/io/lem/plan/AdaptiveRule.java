package io.lem.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive repetitions (docs/methodology.md "Adaptive repetition", issue 9): after each cycle, a point needs another one
 * until the 95 % confidence interval of its target metric (J per output token) has a half-width of at most
 * {@code precision} × |mean|, never before {@code minCycles} and never beyond {@code maxCycles}. Pure: it decides
 * from the values measured so far and remembers nothing. The interval is the caller's: a study uses the one it
 * reports ({@code io.lem.analysis.stats.MeanInterval}), so "reached" is read off study.json's own CI.
 */
public record AdaptiveRule(Repetitions.Adaptive settings, ConfidenceInterval interval) {

    public static final double LEVEL = 0.95;

    public enum Status {
        /** Fewer than {@code min_cycles} values: run another cycle. */
        BELOW_MIN_CYCLES,
        /** The interval is still too wide: run another cycle. */
        NEEDS_MORE,
        /** The precision is reached: stop. */
        REACHED,
        /** {@code max_cycles} values and the precision is not reached: stop, and say so. */
        CAP_WITHOUT_PRECISION;

        public boolean needsMore() {
            return this == BELOW_MIN_CYCLES || this == NEEDS_MORE;
        }
    }

    /**
     * @param relativeHalfWidth half-width / |mean|, or null below {@code min_cycles}; infinite when the mean is 0
     */
    public record PointProgress(int point, int cycles, Double mean, Double halfWidth, Double relativeHalfWidth,
                                Status status) {
    }

    /** @param points one entry per plan point, in point order */
    public record Decision(List<PointProgress> points) {

        public boolean done() {
            return points.stream().noneMatch(p -> p.status().needsMore());
        }

        /** The points (from 1) that need another cycle. */
        public List<Integer> needingMore() {
            return points.stream().filter(p -> p.status().needsMore()).map(PointProgress::point).toList();
        }

        /** The points (from 1) whose interval reached the precision. */
        public List<Integer> reached() {
            return points.stream().filter(p -> p.status() == Status.REACHED).map(PointProgress::point).toList();
        }
    }

    /** @param valuesPerPoint the target metric of each successful cycle, one array per point in point order */
    public Decision decide(List<double[]> valuesPerPoint) {
        List<PointProgress> progress = new ArrayList<>();
        for (int i = 0; i < valuesPerPoint.size(); i++) {
            progress.add(decide(i + 1, valuesPerPoint.get(i)));
        }
        return new Decision(List.copyOf(progress));
    }

    private PointProgress decide(int point, double[] values) {
        int n = values.length;
        if (n < settings.minCycles()) {
            return new PointProgress(point, n, null, null, null, n < settings.maxCycles()
                    ? Status.BELOW_MIN_CYCLES : Status.CAP_WITHOUT_PRECISION);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double halfWidth = interval.of(values.clone(), LEVEL).halfWidth();
        double relative = mean == 0 ? Double.POSITIVE_INFINITY : halfWidth / Math.abs(mean);
        Status status = relative <= settings.precision() ? Status.REACHED
                : n >= settings.maxCycles() ? Status.CAP_WITHOUT_PRECISION : Status.NEEDS_MORE;
        return new PointProgress(point, n, mean, halfWidth, relative, status);
    }
}
