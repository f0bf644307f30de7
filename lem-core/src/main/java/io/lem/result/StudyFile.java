package io.lem.result;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A study directory's study.json: every experiment (point) of the study, in order, with its status; for a planned
 * study also the design hash, per point the per-cycle statuses and the statistics of each headline metric, and the
 * study's analysis (factors, ANOVA, Pareto fronts, SLO selection, phase split). Rewritten after each run, so a
 * reader sees the study as far as it has run.
 *
 * @param studyDesignHash the plan's design hash; null in a study.json written before studies had plans
 * @param points          one entry per point, in point order; empty in an older study.json
 * @param analysis        the study's analysis as JSON ({@code io.lem.study.StudyAnalysis} writes it); empty when
 *                        nothing was measured yet
 */
public record StudyFile(int schemaVersion, String studyName, List<Experiment> experiments, String studyDesignHash,
                        List<Point> points, Map<String, Object> analysis) {

    public StudyFile {
        experiments = List.copyOf(experiments);
        points = List.copyOf(points);
        analysis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(analysis));
    }

    public StudyFile(int schemaVersion, String studyName, List<Experiment> experiments) {
        this(schemaVersion, studyName, experiments, null, List.of(), Map.of());
    }

    /**
     * One point across its cycles.
     *
     * @param keys             the keys its sweep combination or experiment entry set
     * @param cycles           each cycle's status, in cycle order (the run statuses of manifest.json)
     * @param metrics          per headline metric (by result.json name) its mean, CI, n and per-cycle values, as
     *                         {@code io.lem.analysis.stats.PointSummary#toJson} writes them
     * @param precisionReached with {@code execution.precision}: whether J/output-token reached it; else null
     * @param publishable      a measured cycle and no failed data check; null in an older study.json
     * @param validity         the data checks' reason codes, the mean running batch, GPU-only and whole-node
     *                         J/output-token and per-request energy both ways ({@code io.lem.study.PointValidity});
     *                         empty in an older study.json
     * @param prediction       predicted beside measured J/output-token, labelled a prediction with its assumptions
     *                         ({@code io.lem.study.PredictedVsMeasured}); null when the study ran without one
     * @param figuresBasis     the FLOPs tier ({@code flops_method}) and confidence and the carbon intensity's source
     *                         and label behind the FLOPs and carbon metrics ({@code io.lem.study.FiguresBasis});
     *                         empty in an older study.json
     * @param hardware         the machines the point's runs ran on, where its runs ran elsewhere (a Slurm job
     *                         array: kinds, nodes, hardware group); null otherwise
     */
    public record Point(int index, String hash, String dir, Map<String, Object> keys, List<String> cycles,
                        Map<String, Object> metrics, Boolean precisionReached, Boolean publishable,
                        Map<String, Object> validity, Map<String, Object> prediction,
                        Map<String, Object> figuresBasis, Map<String, Object> hardware) {

        /** A point of a study that ran in one place, from a study.json older than the FLOPs and carbon basis. */
        public Point(int index, String hash, String dir, Map<String, Object> keys, List<String> cycles,
                     Map<String, Object> metrics, Boolean precisionReached, Boolean publishable,
                     Map<String, Object> validity, Map<String, Object> prediction) {
            this(index, hash, dir, keys, cycles, metrics, precisionReached, publishable, validity, prediction, Map.of(),
                    null);
        }

        public Point {
            keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
            cycles = List.copyOf(cycles);
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
            validity = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(validity));
            prediction = prediction == null ? null
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prediction));
            figuresBasis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figuresBasis));
            hardware = hardware == null ? null
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hardware));
        }

        /** The FLOPs tier behind this point's {@code flops_per_*} metrics; null when none was computed. */
        public String flopsMethod() {
            return (String) figuresBasis.get("flops_method");
        }

        public String flopsConfidence() {
            return (String) figuresBasis.get("flops_confidence");
        }

        /** Where the carbon intensity behind the {@code co2_g_*} metrics came from; null without one. */
        public String carbonIntensitySource() {
            return (String) figuresBasis.get("carbon_intensity_source");
        }
    }

    /** Where an experiment stands. */
    public enum Status {
        PENDING, DONE, SKIPPED, FAILED, INTERRUPTED;

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
