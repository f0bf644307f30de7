package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes every figure of an experiment's result.json (or of lem load's summary.json) from its raw files
 * (power.csv, requests.jsonl, request_energy.jsonl) with an implementation of its own: it shares no analysis code
 * with the one that wrote the figures, so a bug there cannot hide here. Formulas and tolerances: the README's {@code lem verify} section.
 */
public final class Verifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One experiment of a results directory: its verification, or why it has none (a failed experiment). */
    public record Experiment(String name, Path dir, Verification verification, String skipped) {
    }

    private Verifier() {
    }

    /**
     * Verifies one experiment directory of lem run (one with result.json), or the output directory of lem load (one
     * with summary.json and no result.json).
     *
     * @throws ConfigException when the directory has neither file, or its report is not a JSON object
     */
    public static Verification verify(Path experimentDir) {
        if (!Files.isRegularFile(experimentDir.resolve(RESULT_FILE))
                && Files.isRegularFile(experimentDir.resolve(SUMMARY_FILE))) {
            return Verification.of(LoadChecks.checks(RunFiles.read(experimentDir, SUMMARY_FILE)));
        }
        Recompute r = new Recompute(RunFiles.read(experimentDir));
        List<Check> checks = new ArrayList<>(EnergyChecks.checks(r));
        checks.addAll(MetricChecks.checks(r));
        checks.addAll(FlopsChecks.checks(r));
        checks.addAll(AttributionChecks.checks(r));
        return Verification.of(checks);
    }

    /**
     * Verifies an experiment directory or lem load's output directory, or each experiment of a study directory (one
     * with study.json) and, last, study.json's per-point summaries ({@link StudyChecks}); an experiment without
     * result.json (failed, pending) is listed as skipped with its status.
     *
     * @throws ConfigException when the path is no directory, or neither kind of results directory
     */
    public static List<Experiment> verifyAll(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            throw new ConfigException("RESULTS_DIR", "no such directory: " + resultsDir
                    + " (give the directory lem run printed after 'results:')");
        }
        if (Files.isRegularFile(resultsDir.resolve(RESULT_FILE))
                || Files.isRegularFile(resultsDir.resolve(SUMMARY_FILE))) {
            return List.of(new Experiment(name(resultsDir), resultsDir, verify(resultsDir), null));
        }
        Path studyFile = resultsDir.resolve(STUDY_FILE);
        if (!Files.isRegularFile(studyFile)) {
            throw new ConfigException("RESULTS_DIR", resultsDir + " has neither " + RESULT_FILE + " nor "
                    + STUDY_FILE + " (nor lem load's " + SUMMARY_FILE + "): give an experiment directory or a study"
                    + " directory of lem run, or the --output directory of lem load");
        }
        JsonNode study;
        try {
            study = JSON.readTree(studyFile.toFile());
        } catch (JacksonException e) {
            throw new ConfigException("RESULTS_DIR", studyFile + " is not valid JSON (" + e.getOriginalMessage()
                    + "): restore it or verify each experiment directory on its own");
        }
        List<Experiment> experiments = new ArrayList<>();
        for (JsonNode e : study.path("experiments").values()) {
            Path dir = resultsDir.resolve(e.path("dir").asString(""));
            JsonNode cycles = cycles(study, e.path("index").asInt());
            for (int k = 1; k <= Math.max(1, cycles.size()); k++) {
                Path run = runDir(dir, k, cycles.size());
                String status = cycles.isEmpty() ? e.path("status").asString("unknown")
                        : cycles.path(k - 1).asString("unknown");
                experiments.add(experiment(run.equals(dir) ? name(dir) : name(dir) + "/cycle-" + k, run, status));
            }
        }
        experiments.add(new Experiment(STUDY_SUMMARIES, resultsDir, Verification.of(StudyChecks.checks(resultsDir, study)),
                null));
        return experiments;
    }

    /** The name of the last entry of {@link #verifyAll} for a study: study.json's own summaries. */
    public static final String STUDY_SUMMARIES = STUDY_FILE;

    private static Experiment experiment(String name, Path dir, String status) {
        return Files.isRegularFile(dir.resolve(RESULT_FILE)) ? new Experiment(name, dir, verify(dir), null)
                : new Experiment(name, dir, null, "no " + RESULT_FILE + " (status " + status + ")");
    }

    /** The point's cycle statuses in study.json ({@code points[].cycles}), empty when it has none. */
    private static JsonNode cycles(JsonNode study, int pointIndex) {
        for (JsonNode point : study.path("points").values()) {
            if (point.path("index").asInt() == pointIndex) {
                return point.path("cycles");
            }
        }
        return JSON.createArrayNode();
    }

    private static String name(Path dir) {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return file == null ? dir.toString() : file.toString();
    }
}
