package io.lem.study;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished (or resumed) study: its directory and one outcome per experiment, in study order.
 */
public record StudyResult(String studyName, Path dir, List<Outcome> outcomes) {

    public StudyResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Summaries of the experiments that produced a result in this run. */
    public List<ExperimentSummary> summaries() {
        return outcomes.stream().filter(o -> o.summary() != null).map(Outcome::summary).toList();
    }

    /**
     * @param status  "done", "skipped" (result already there, resumed study) or "failed"
     * @param summary the figures when done, else null
     * @param error   why it failed, else null
     * @param engineFailure how the engine died or stalled when that failed it, else null
     */
    public record Outcome(int index, String slug, String configHash, Path dir, String status,
                          ExperimentSummary summary, String error, io.lem.engine.EngineFailure engineFailure) {
    }
}
