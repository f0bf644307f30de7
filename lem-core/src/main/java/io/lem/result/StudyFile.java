package io.lem.result;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A study directory's study.json: every experiment of the study, in order, with its status. Rewritten after each
 * experiment, so a reader sees the study as far as it has run.
 */
public record StudyFile(int schemaVersion, String studyName, List<Experiment> experiments) {

    public StudyFile {
        experiments = List.copyOf(experiments);
    }

    /** Where an experiment stands. */
    public enum Status {
        PENDING, DONE, SKIPPED, FAILED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException for a name that is not a status
         */
        public static Status of(String jsonName) {
            return valueOf(jsonName.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One experiment of the study.
     *
     * @param dir        its directory's name inside the study directory
     * @param error      why it failed; null unless failed
     * @param engineExit how the engine died, when that failed it; null otherwise
     * @param config     the resolved config, by dotted key
     */
    public record Experiment(int index, String slug, String configHash, String dir, Status status, String error,
                             EngineExit engineExit, Map<String, Object> config) {
    }

    /**
     * How an engine that failed an experiment ended.
     *
     * @param phase         what the experiment was doing
     * @param exitCode      null when it did not exit (killed by a signal, or stalled)
     * @param signal        the signal's name, null when none
     * @param stalledS      how long no chunk arrived before lem killed it; null when it did not stall
     * @param engineLogTail the last lines of engine.log
     */
    public record EngineExit(String phase, Integer exitCode, String signal, Double stalledS,
                             List<String> engineLogTail) {

        public EngineExit {
            engineLogTail = List.copyOf(engineLogTail);
        }
    }
}
