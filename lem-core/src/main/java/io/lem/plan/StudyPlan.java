package io.lem.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * A study expanded and ordered, before anything runs: what {@code lem run --dry-run} shows and what the study
 * runner executes. Pure data.
 *
 * @param sources         the study file and its {@code base:} files, the study's own first (empty for a tree
 *                        given without a file)
 * @param points          the unique valid points, {@link Point#index} 1..n
 * @param skipped         combinations that failed validation, with their reasons
 * @param duplicates      combinations identical to an earlier point, run once
 * @param factors         the sweep's axes and groups by name, in file order (what factor analysis ranks)
 * @param seed            the shuffle seed: {@code execution.seed}, or {@link PointHash#seedOf} of the design hash
 * @param studyDesignHash {@link PointHash#design} of the points
 * @param runs            the planned (point, cycle) runs in order; adaptive studies add rounds as they go
 * @param warnings        size, skip-rate and balance warnings, for the caller to show
 */
public record StudyPlan(String studyName, List<Path> sources, List<Point> points, List<SkippedPoint> skipped,
                        List<DuplicatePoint> duplicates, List<String> factors, ExecutionSettings execution, long seed,
                        String studyDesignHash, List<Run> runs, List<String> warnings) {

    public StudyPlan {
        sources = List.copyOf(sources);
        points = List.copyOf(points);
        skipped = List.copyOf(skipped);
        duplicates = List.copyOf(duplicates);
        factors = List.copyOf(factors);
        runs = List.copyOf(runs);
        warnings = List.copyOf(warnings);
    }

    /** The point with {@link Point#index} {@code index} (from 1). */
    public Point point(int index) {
        return points.get(index - 1);
    }

    /** The runs of one more cycle for some points: what an adaptive study appends after {@link AdaptiveRule}. */
    public List<Run> extraCycle(int cycle, java.util.Collection<Integer> which) {
        return RunOrder.extraCycle(points.size(), cycle, which, execution, seed);
    }
}
