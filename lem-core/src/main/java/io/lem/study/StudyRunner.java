package io.lem.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.lem.config.ConfigException;
import io.lem.config.ExperimentConfig;
import io.lem.config.StudyConfig;
import io.lem.engine.EngineException;
import io.lem.engine.EngineFailedException;
import io.lem.engine.EngineFailure;
import io.lem.meter.MeterException;
import io.lem.result.ResultFormats;
import io.lem.result.StudyFile;
import io.lem.result.StudyJson;

/**
 * Runs the experiments of a study one after another into {@code <results>/<study>_<timestamp>/NNN-<slug>-<hash8>/}.
 * study.json is rewritten after each experiment. Resuming a study directory skips experiments whose result.json
 * exists with the same config hash, and runs the others again: the raw files of an interrupted or failed attempt
 * are moved aside (never deleted), and a failed one is announced with its earlier reason.
 */
public final class StudyRunner {

    public static final String STUDY_FILE = StudyJson.FILE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ExperimentRunner runner;
    private final StudyListener listener;

    public StudyRunner(ExperimentRunner runner, StudyListener listener) {
        this.runner = runner;
        this.listener = listener;
    }

    /** A new directory for this study under {@code resultsRoot}. */
    public static Path newStudyDir(Path resultsRoot, String studyName) {
        return resultsRoot.resolve(studyName + "_" + LocalDateTime.now().format(STAMP));
    }

    public static Path experimentDir(Path studyDir, ExperimentConfig config) {
        return studyDir.resolve(String.format(java.util.Locale.ROOT, "%03d-%s-%s", config.index(), config.slug(),
                config.hash8()));
    }

    public StudyResult run(StudyConfig study, Path studyDir) throws IOException, InterruptedException {
        for (ExperimentConfig config : study.experiments()) {
            runner.prepare(config); // a missing model fails the study before anything runs or is written
        }
        Files.createDirectories(studyDir);
        List<StudyResult.Outcome> outcomes = new ArrayList<>();
        int total = study.experiments().size();
        for (ExperimentConfig config : study.experiments()) {
            Path dir = experimentDir(studyDir, config);
            if (Files.isRegularFile(dir.resolve(ExperimentRunner.RESULT_FILE))) {
                listener.experimentSkipped(config.index(), config.slug(), dir);
                outcomes.add(new StudyResult.Outcome(config.index(), config.slug(), config.hash(), dir, "skipped", null,
                        null, null));
                continue;
            }
            if (Files.exists(dir)) {
                String failedBefore = FailureFile.read(dir);
                if (failedBefore != null) {
                    listener.experimentRerun(config.index(), config.slug(), failedBefore);
                }
                // raw files of an earlier attempt are evidence: moved aside, never deleted
                Files.move(dir, dir.resolveSibling(dir.getFileName() + (failedBefore != null ? ".failed-" : ".interrupted-")
                        + LocalDateTime.now().format(STAMP)));
            }
            Files.createDirectories(dir);
            listener.experimentStarted(config.index(), total, config.slug());
            StudyResult.Outcome outcome;
            try {
                ExperimentSummary summary = runner.run(study.studyName(), config, dir);
                outcome = new StudyResult.Outcome(config.index(), config.slug(), config.hash(), dir, "done", summary,
                        null, null);
                listener.experimentFinished(summary);
            } catch (EngineException e) {
                if (e.userError()) {
                    throw new ConfigException("engine", e.getMessage());
                }
                EngineFailure failure = e instanceof EngineFailedException f ? f.failure() : null;
                outcome = new StudyResult.Outcome(config.index(), config.slug(), config.hash(), dir, "failed", null,
                        e.getMessage(), failure);
                FailureFile.write(dir, outcome);
                listener.step("experiment " + config.index() + " failed: " + e.getMessage() + (failure == null
                        || failure.logTail().isEmpty() ? "" : "; engine.log ends: " + failure.logTail().getLast()));
            } catch (MeterException e) {
                throw new ConfigException("measurement.meters", e.getMessage());
            }
            outcomes.add(outcome);
            writeStudyFile(study, studyDir, outcomes);
        }
        StudyResult result = new StudyResult(study.studyName(), studyDir, outcomes);
        writeStudyFile(study, studyDir, outcomes);
        return result;
    }

    private static void writeStudyFile(StudyConfig study, Path studyDir, List<StudyResult.Outcome> outcomes)
            throws IOException {
        List<StudyFile.Experiment> experiments = new ArrayList<>();
        for (ExperimentConfig config : study.experiments()) {
            StudyResult.Outcome outcome = outcomes.stream().filter(o -> o.index() == config.index()).findFirst()
                    .orElse(null);
            experiments.add(new StudyFile.Experiment(config.index(), config.slug(), config.hash(),
                    experimentDir(studyDir, config).getFileName().toString(),
                    outcome == null ? StudyFile.Status.PENDING : StudyFile.Status.of(outcome.status()),
                    outcome == null ? null : outcome.error(),
                    outcome == null ? null : FailureFile.engineExit(outcome.engineFailure()), config.values()));
        }
        ResultFormats.STUDY.write(studyDir.resolve(STUDY_FILE), new StudyFile(ResultDocument.SCHEMA_VERSION,
                study.studyName(), experiments));
    }
}
