package io.lem.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.config.ExperimentConfig;
import io.lem.plan.StudyConfig;
import io.lem.plan.AdaptiveRule;
import io.lem.plan.Point;
import io.lem.plan.Repetitions;
import io.lem.plan.Run;
import io.lem.plan.StudyPlan;
import io.lem.result.ResultFormats;
import io.lem.result.StudyJson;

/**
 * Runs a study's (point, cycle) runs in the plan's order, each through the {@link Executor}, into
 * {@code <results>/<study>_<timestamp>/NNN-<slug>-<hash8>/cycle-K/} (a one-cycle study keeps the older layout,
 * the point's directory itself). Between runs it pauses {@code execution.gap_s} ({@code cycle_gap_s} where a cycle
 * begins). {@link StudyManifest manifest.json} is rewritten at every state change and study.json after every run.
 *
 * <p>Resuming a directory ({@code lem run --resume}) refuses a changed design hash, keeps every run whose
 * result.json exists and runs the others again: the raw files of an earlier interrupted or failed attempt are
 * moved aside, never deleted. After {@code execution.max_consecutive_failures} failed runs in a row the study
 * pauses (state {@value StudyResult#PAUSED}): the fault is more likely the setup than the points. With
 * {@code execution.precision} it adds cycles to the points whose J/output-token CI is still too wide
 * ({@link AdaptiveRule} with study.json's interval, {@link io.lem.analysis.stats.MeanInterval}), up to
 * {@code max_cycles}.
 */
public final class StudyRunner {

    public static final String STUDY_FILE = StudyJson.FILE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ExperimentRunner runner;
    private final Executor executor;
    private final StudyListener listener;
    private final AnalysisCache cache = new AnalysisCache();

    public StudyRunner(ExperimentRunner runner, Executor executor, StudyListener listener) {
        this.runner = runner;
        this.executor = executor;
        this.listener = listener;
    }

    /** A new directory for this study under {@code resultsRoot}. */
    public static Path newStudyDir(Path resultsRoot, String studyName) {
        return resultsRoot.resolve(studyName + "_" + LocalDateTime.now().format(STAMP));
    }

    public static Path experimentDir(Path studyDir, ExperimentConfig config) {
        return studyDir.resolve(StudyLayout.pointDir(config));
    }

    public StudyResult run(StudyConfig study, Path studyDir, StudyOptions options) throws IOException {
        StudyPlan plan = study.plan();
        StudyManifest manifest = start(study, studyDir);
        List<StudyManifest.RunEntry> runs = new ArrayList<>(manifest.runs());
        List<StudyResult.Outcome> outcomes = new ArrayList<>();
        int consecutiveFailures = 0;
        boolean executedAny = false;
        String state = StudyResult.FINISHED;
        String message = null;
        int next = 0;
        while (true) {
            for (; next < runs.size() && message == null; next++) {
                StudyManifest.RunEntry run = runs.get(next);
                Point point = plan.point(run.point());
                ExperimentConfig config = point.config();
                Path dir = studyDir.resolve(run.dir());
                if (Files.isRegularFile(dir.resolve(ExperimentRunner.RESULT_FILE))) {
                    runs.set(next, run.with(RunStatus.DONE, null));
                    listener.experimentSkipped(point.index(), config.slug() + cycleLabel(run), dir);
                    outcomes.add(outcome(run, config, dir, RunStatus.SKIPPED, UnitOutcome.done(null)));
                    continue;
                }
                if (executedAny && run.pauseBeforeS() > 0) {
                    listener.step(String.format(Locale.ROOT, "pause %.0f s (execution.gap_s)", run.pauseBeforeS()));
                    try {
                        Thread.sleep(Math.round(run.pauseBeforeS() * 1000));
                    } catch (InterruptedException e) {
                        state = StudyResult.INTERRUPTED;
                        message = "interrupted during a pause; nothing was running";
                        break;
                    }
                }
                moveAside(dir, point.index(), config.slug());
                Files.createDirectories(dir);
                runs.set(next, run.with(RunStatus.RUNNING, null));
                manifest = save(manifest, runs, "running", null, studyDir);
                listener.experimentStarted(point.index(), plan.points().size(), config.slug() + cycleLabel(run));
                UnitOutcome unit = executor.execute(manifest.unit(studyDir, next));
                executedAny = true;
                runs.set(next, run.with(unit.status(), unit.error()));
                StudyResult.Outcome outcome = outcome(run, config, dir, unit.status(), unit);
                outcomes.add(outcome);
                if (unit.status() == RunStatus.DONE) {
                    consecutiveFailures = 0;
                    listener.experimentFinished(unit.summary());
                } else if (unit.status() == RunStatus.INTERRUPTED) {
                    Thread.interrupted(); // consumed: the files below must still be written
                    state = StudyResult.INTERRUPTED;
                    message = "interrupted in run " + point.index() + "." + run.cycle() + " (recorded as "
                            + "interrupted; everything measured is on disk); continue with lem run --resume " + studyDir;
                } else {
                    FailureFile.write(dir, outcome);
                    consecutiveFailures++;
                    listener.step("experiment " + point.index() + " failed: " + unit.error() + lastLogLine(unit));
                    if (consecutiveFailures >= plan.execution().maxConsecutiveFailures()) {
                        state = StudyResult.PAUSED;
                        message = consecutiveFailures + " runs failed in a row (execution.max_consecutive_failures): "
                                + "the study is paused; last error: " + unit.error() + "; fix the cause, then "
                                + "continue with lem run --resume " + studyDir;
                    }
                }
                manifest = save(manifest, runs, "running", null, studyDir);
                writeStudyFile(plan, studyDir, runs, options, null);
            }
            if (message != null || !(plan.execution().repetitions() instanceof Repetitions.Adaptive adaptive)) {
                break;
            }
            List<Run> round = adaptiveRound(plan, studyDir, runs, adaptive, options);
            if (round.isEmpty()) {
                break;
            }
            append(plan, runs, round);
            manifest = save(manifest, runs, "running", null, studyDir);
        }
        save(manifest, runs, state, message, studyDir);
        StudyAnalysis analysis = writeStudyFile(plan, studyDir, runs, options, message);
        return new StudyResult(plan.studyName(), studyDir, plan.studyDesignHash(), state, message, outcomes, analysis);
    }

    /** A new or resumed manifest, written: a missing model fails the study before anything runs or is written. */
    private StudyManifest start(StudyConfig study, Path studyDir) throws IOException {
        for (ExperimentConfig config : study.experiments()) {
            runner.prepare(config);
        }
        StudyManifest manifest = StudyManifest.exists(studyDir)
                ? ResumeCheck.resumed(study.plan(), StudyManifest.read(studyDir), studyDir)
                : ResumeCheck.fresh(study.plan(), studyDir);
        Files.createDirectories(studyDir);
        return save(manifest, manifest.runs(), "running", null, studyDir);
    }

    /**
     * Readies a study whose runs execute elsewhere (a Slurm job array): as {@link #run} begins, then every run
     * without a result.json gets its directory (earlier raw files moved aside) and stays pending; the others are
     * done. Returns the manifest written: its pending runs are the ones to submit.
     */
    public StudyManifest open(StudyConfig study, Path studyDir) throws IOException {
        StudyManifest manifest = start(study, studyDir);
        List<StudyManifest.RunEntry> runs = new ArrayList<>(manifest.runs());
        for (int i = 0; i < runs.size(); i++) {
            StudyManifest.RunEntry run = runs.get(i);
            ExperimentConfig config = study.plan().point(run.point()).config();
            Path dir = studyDir.resolve(run.dir());
            if (Files.isRegularFile(dir.resolve(ExperimentRunner.RESULT_FILE))) {
                runs.set(i, run.with(RunStatus.DONE, null));
                listener.experimentSkipped(run.point(), config.slug() + cycleLabel(run), dir);
                continue;
            }
            moveAside(dir, run.point(), config.slug());
            Files.createDirectories(dir);
            runs.set(i, run.with(RunStatus.PENDING, null));
        }
        return save(manifest, runs, "running", null, studyDir);
    }

    /**
     * Runs one run of an {@link #open opened} study where it lands (lem run-unit on a cluster node): into its own
     * directory only, never manifest.json, which its follower writes; failure.json beside it when it fails.
     */
    public UnitOutcome runUnit(StudyManifest manifest, Path studyDir, int runIndex) throws IOException {
        Unit unit = manifest.unit(studyDir, runIndex);
        Files.createDirectories(unit.dir());
        UnitOutcome outcome = executor.execute(unit);
        if (outcome.status().failure()) {
            StudyManifest.RunEntry run = manifest.runs().get(runIndex);
            FailureFile.write(unit.dir(), outcome(run, unit.config(), unit.dir(), outcome.status(), outcome));
        }
        return outcome;
    }

    /**
     * Records how runs that executed elsewhere ended, by run index, and rewrites manifest.json and study.json as
     * {@link #run} does after each run and at its end; a failed run without failure.json (cancelled, killed)
     * gets one. Called by the one process that follows the runs, never by the runs themselves.
     */
    public StudyResult close(StudyConfig study, Path studyDir, java.util.Map<Integer, UnitOutcome> ended,
                             StudyOptions options, String state, String message) throws IOException {
        StudyPlan plan = study.plan();
        StudyManifest manifest = StudyManifest.read(studyDir);
        List<StudyManifest.RunEntry> runs = new ArrayList<>(manifest.runs());
        List<StudyResult.Outcome> outcomes = new ArrayList<>();
        for (java.util.Map.Entry<Integer, UnitOutcome> e : new java.util.TreeMap<>(ended).entrySet()) {
            StudyManifest.RunEntry run = runs.get(e.getKey());
            UnitOutcome unit = e.getValue();
            Path dir = studyDir.resolve(run.dir());
            runs.set(e.getKey(), run.with(unit.status(), unit.error()));
            StudyResult.Outcome outcome = outcome(run, plan.point(run.point()).config(), dir, unit.status(), unit);
            outcomes.add(outcome);
            if (unit.status().failure() && Files.isDirectory(dir) && FailureFile.read(dir) == null) {
                FailureFile.write(dir, outcome);
            }
        }
        save(manifest, runs, state, message, studyDir);
        StudyAnalysis analysis = writeStudyFile(plan, studyDir, runs, options, message);
        return new StudyResult(plan.studyName(), studyDir, plan.studyDesignHash(), state, message, outcomes, analysis);
    }

    /**
     * The next adaptive cycle of an {@link #open opened} study whose runs execute elsewhere, once the ones before have
     * ended: a pending run for each point whose interval is still too wide and that has cycles left, as {@link #run}
     * adds them, written to manifest.json. Returns how many runs were added: 0 when every point is done, or the
     * study has a fixed number of cycles.
     */
    public int addAdaptiveCycle(StudyConfig study, Path studyDir, StudyOptions options) throws IOException {
        StudyPlan plan = study.plan();
        if (!(plan.execution().repetitions() instanceof Repetitions.Adaptive adaptive)) {
            return 0;
        }
        StudyManifest manifest = StudyManifest.read(studyDir);
        List<StudyManifest.RunEntry> runs = new ArrayList<>(manifest.runs());
        List<Run> round = adaptiveRound(plan, studyDir, runs, adaptive, options);
        if (!round.isEmpty()) {
            append(plan, runs, round);
            save(manifest, runs, "running", null, studyDir);
        }
        return round.size();
    }

    private void append(StudyPlan plan, List<StudyManifest.RunEntry> runs, List<Run> round) {
        listener.step("precision not reached for " + round.size() + " point(s): cycle " + round.getFirst().cycle());
        for (Run r : round) {
            runs.add(new StudyManifest.RunEntry(r.point(), r.cycle(), r.pauseBeforeS(),
                    StudyLayout.runDir(plan, r.point(), r.cycle()), RunStatus.PENDING, null));
        }
    }

    /** The next cycle for the points whose interval is still too wide and that have cycles left. */
    private List<Run> adaptiveRound(StudyPlan plan, Path studyDir, List<StudyManifest.RunEntry> runs,
                                    Repetitions.Adaptive adaptive, StudyOptions options) {
        StudyAnalysis analysis = StudyAnalysis.of(plan, studyDir, runs, null, options.bootstrap(), null, cache);
        List<Integer> more = new ArrayList<>();
        for (PointResult p : analysis.points()) {
            if (p.precision() != null && p.precision().needsMore() && p.cycles().size() < adaptive.maxCycles()) {
                more.add(p.point().index());
            }
        }
        if (more.isEmpty()) {
            return List.of();
        }
        int cycle = runs.stream().mapToInt(StudyManifest.RunEntry::cycle).max().orElse(0) + 1;
        return plan.extraCycle(cycle, more);
    }

    private StudyAnalysis writeStudyFile(StudyPlan plan, Path studyDir, List<StudyManifest.RunEntry> runs,
                                         StudyOptions options, String stopped) throws IOException {
        StudyAnalysis analysis = StudyAnalysis.of(plan, studyDir, runs, options.slo(), options.bootstrap(),
                options.predictions(), cache);
        Map<Integer, Map<String, Object>> hardware = options.hardware() == null ? null : options.hardware().get();
        ResultFormats.STUDY.write(studyDir.resolve(STUDY_FILE), StudyFiles.of(plan, studyDir, analysis, runs, stopped,
                hardware, HardwareGroups.of(plan, studyDir, runs, hardware, options, cache)));
        return analysis;
    }

    private static StudyManifest save(StudyManifest manifest, List<StudyManifest.RunEntry> runs, String state,
                                      String message, Path studyDir) throws IOException {
        StudyManifest updated = manifest.withRuns(runs).withState(state, message);
        updated.write(studyDir);
        return updated;
    }

    /** Raw files of an earlier attempt are evidence: moved aside, never deleted. */
    private void moveAside(Path dir, int point, String slug) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        String failedBefore = FailureFile.read(dir);
        if (failedBefore != null) {
            listener.experimentRerun(point, slug, failedBefore);
        }
        Files.move(dir, dir.resolveSibling(dir.getFileName() + (failedBefore != null ? ".failed-" : ".interrupted-")
                + LocalDateTime.now().format(STAMP)));
    }

    private static StudyResult.Outcome outcome(StudyManifest.RunEntry run, ExperimentConfig config, Path dir,
                                               RunStatus status, UnitOutcome unit) {
        return new StudyResult.Outcome(run.point(), run.cycle(), config.slug(), config.hash(), dir, status.jsonName(),
                unit.summary(), unit.error(), unit.engineFailure());
    }

    private static String cycleLabel(StudyManifest.RunEntry run) {
        return run.dir().contains("/cycle-") ? " cycle " + run.cycle() : "";
    }

    private static String lastLogLine(UnitOutcome unit) {
        return unit.engineFailure() == null || unit.engineFailure().logTail().isEmpty() ? ""
                : "; engine.log ends: " + unit.engineFailure().logTail().getLast();
    }
}
