package io.lem.study;

import java.nio.file.Path;
import java.util.List;

/**
 * A study as far as this call ran it: its directory, the state it was left in, one outcome per (point, cycle) run
 * handled in this call, and the analysis recomputed from every result on disk.
 *
 * @param state   {@value #FINISHED}, {@value #PAUSED} (circuit breaker) or {@value #INTERRUPTED}
 * @param message why it paused or stopped; null when finished
 */
public record StudyResult(String studyName, Path dir, String studyDesignHash, String state, String message,
                          List<Outcome> outcomes, StudyAnalysis analysis) {

    public static final String FINISHED = "finished";
    public static final String PAUSED = "paused";
    public static final String INTERRUPTED = "interrupted";

    public StudyResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Summaries of the runs that produced a result in this call. */
    public List<ExperimentSummary> summaries() {
        return outcomes.stream().filter(o -> o.summary() != null).map(Outcome::summary).toList();
    }

    public List<PointResult> points() {
        return analysis.points();
    }

    /**
     * @param index   the point, from 1
     * @param status  "done", "skipped" (result already there, resumed study), "failed", "timed_out" or
     *                "interrupted"
     * @param summary the figures when done, else null
     * @param error   why it did not finish, else null
     * @param engineFailure how the engine died or stalled when that failed it, else null
     */
    public record Outcome(int index, int cycle, String slug, String configHash, Path dir, String status,
                          ExperimentSummary summary, String error, io.lem.engine.EngineFailure engineFailure) {
    }
}
