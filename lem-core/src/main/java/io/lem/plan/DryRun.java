package io.lem.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code lem run STUDY.yaml --dry-run} reports: the points with their hashes, the skipped combinations and
 * why, the order of the (point, cycle) runs, and an estimate of the time from a per-run estimate. For an adaptive
 * study the estimate is a range: every point stopping at {@code min_cycles}, or every point running to
 * {@code max_cycles}.
 *
 * @param shortest the planned runs plus their pauses
 * @param longest  the same for {@code max_cycles} cycles (equal to {@code shortest} for fixed cycles)
 */
public record DryRun(StudyPlan plan, Duration shortest, Duration longest) {

    /** A per-run duration estimate of one point (engine start, baseline, warm-up and load together). */
    @FunctionalInterface
    public interface RunEstimate {
        Duration estimate(Point point);
    }

    public static DryRun of(StudyPlan plan, RunEstimate estimate) {
        List<Duration> perPoint = plan.points().stream().map(estimate::estimate).toList();
        int max = plan.execution().repetitions().maxCycles();
        List<Run> longestRuns = max == plan.execution().repetitions().plannedCycles() ? plan.runs()
                : RunOrder.runs(plan.points().size(), max, plan.execution(), plan.seed());
        return new DryRun(plan, total(plan.runs(), perPoint), total(longestRuns, perPoint));
    }

    private static Duration total(List<Run> runs, List<Duration> perPoint) {
        Duration sum = Duration.ZERO;
        for (Run run : runs) {
            sum = sum.plus(perPoint.get(run.point() - 1)).plus(seconds(run.pauseBeforeS()));
        }
        return sum;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** The report as lines of text, for the CLI to print. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        ExecutionSettings execution = plan.execution();
        lines.add("study " + plan.studyName() + ": " + plan.points().size() + " points, design "
                + plan.studyDesignHash().substring(0, 16));
        for (Point p : plan.points()) {
            lines.add(String.format(Locale.ROOT, "  %3d  %s  %s", p.index(), p.hash8(), p.label()));
        }
        for (SkippedPoint s : plan.skipped()) {
            lines.add("  skipped " + s.origin() + ": " + s.reason());
        }
        for (DuplicatePoint d : plan.duplicates()) {
            lines.add("  " + d.origin() + " is point " + d.sameAs() + " again: run once");
        }
        String cycles = switch (execution.repetitions()) {
            case Repetitions.Fixed f -> f.cycles() + " cycles";
            case Repetitions.Adaptive a -> String.format(Locale.ROOT, "%d to %d cycles until the 95 %% CI is within"
                    + " %.3g %% of the mean", a.minCycles(), a.maxCycles(), a.precision() * 100);
        };
        lines.add("order " + execution.order().yamlName() + ", " + cycles + ", " + plan.runs().size()
                + " runs planned:");
        StringBuilder order = new StringBuilder("  ");
        for (Run run : plan.runs()) {
            order.append(run.point()).append('.').append(run.cycle()).append(' ');
        }
        lines.add(order.toString().stripTrailing() + "   (point.cycle)");
        lines.add("estimated time: " + (shortest.equals(longest) ? human(shortest)
                : human(shortest) + " to " + human(longest)));
        plan.warnings().forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    static String human(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }
}
