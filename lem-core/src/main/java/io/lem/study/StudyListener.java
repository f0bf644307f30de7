package io.lem.study;

/** Progress of a study, for a CLI or a web page to show. Called on the runner's thread; keep it quick. */
public interface StudyListener {

    default void experimentStarted(int index, int total, String slug) {
    }

    /** A step inside an experiment: engine start, baseline, warm-up, measured load, analysis. */
    default void step(String description) {
    }

    default void experimentFinished(ExperimentSummary summary) {
    }

    /** An experiment whose result already exists in the study directory, left as it is. */
    default void experimentSkipped(int index, String slug, java.nio.file.Path dir) {
    }

    /** An experiment that failed in an earlier run of this study directory and runs again now. */
    default void experimentRerun(int index, String slug, String previousError) {
    }

    StudyListener NONE = new StudyListener() {
    };
}
