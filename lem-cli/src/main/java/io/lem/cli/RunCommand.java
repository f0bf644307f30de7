package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lem.Lem;
import io.lem.analysis.stats.Slo;
import io.lem.config.ConfigException;
import io.lem.plan.DemoStudy;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyExamples;
import io.lem.plan.StudyLoader;
import io.lem.study.PointPredictions;
import io.lem.study.StudyManifest;
import io.lem.study.StudyOptions;
import io.lem.study.StudyResult;
import io.lem.study.StudyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lem run [STUDY.yaml]}: plans a study (the demo study without a file), runs every (point, cycle) and
 * prints a table. Thin: parse, {@link StudyLoader}, {@link Lem#runStudy} or {@link Lem#dryRun}, render.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Runs a study: every point and cycle of its sweep in a fresh engine; reports J/token with CIs.",
        "",
        "Each run launches a fresh engine, measures an idle baseline, warms up, runs the measured load and writes "
                + "result.json, requests.jsonl and power.csv; study.json holds per-point means with 95 % CIs, the factors "
                + "ranked by eta squared and the Pareto fronts. Without STUDY.yaml it runs the demo study: the synthetic "
                + "'small' model at 1, 2 and 4 parallel slots. Ctrl-C stops cleanly; --resume continues."})
public final class RunCommand implements Callable<Integer> {

    /** How long Ctrl-C waits for the running experiment to stop its engine and write its files. */
    private static final long STOP_WAIT_S = 120;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY.yaml", description = "Study file; omit for the demo.")
    Path studyFile;

    @Option(names = "--results", paramLabel = "DIR", description = "Where study directories go (default: ${DEFAULT-VALUE}).")
    Path results = Path.of(io.lem.config.Defaults.RESULTS_DIR);

    @Option(names = "--resume", paramLabel = "STUDY_DIR", description = "Continue a study in this directory: finished "
            + "(point, cycle) runs are kept, failed and interrupted ones run again; refused if the design changed.")
    Path resume;

    @Option(names = "--dry-run", description = "Print the points, their hashes, the run order and a time estimate; "
            + "run nothing.")
    boolean dryRun;

    @Option(names = "--slo", arity = "1..*", paramLabel = "METRIC:MS", description = "Latency objectives, e.g. "
            + "--slo ttft_p50:500 itl_p50:50: the lowest-J/token point meeting them is reported.")
    List<String> slo;

    @Option(names = "--hardware", paramLabel = "NAME", description = "Device of lem's hardware table (as lem "
            + "estimate) to predict each point on, beside its measured J/output-token in study.json; default: the row "
            + "matched from the run's GPUs or CPU.")
    String hardware;

    @CommandLine.Mixin
    SetOption set;

    @CommandLine.Mixin
    SlurmFlags slurm;

    @Option(names = "--no-report", description = "Do not write report.html and figures/ at the end (`lem report "
            + "STUDY_DIR` writes them later, the same).")
    boolean noReport;

    @Option(names = "--print-demo", description = "Print the demo study's YAML (a starting point for your own) and exit.")
    boolean printDemo;

    @Option(names = "--print-example", paramLabel = "NAME", description = "Print a ready study file and exit: "
            + "bar-sweep, phase-split or slots-threads.")
    String printExample;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (printDemo || printExample != null) {
            out.print(printDemo ? DemoStudy.yaml() : StudyExamples.yaml(printExample));
            out.flush();
            return 0;
        }
        if (resume != null && !Files.isDirectory(resume)) {
            throw new ConfigException("--resume", resume + " is not a study directory; fix: give a directory under "
                    + results + " written by an earlier run");
        }
        slurm.addTo(set.pairs);
        StudyConfig study = load();
        StudyOptions options = (slo == null ? StudyOptions.DEFAULT : StudyOptions.DEFAULT.withSlo(Slo.parse(slo)))
                .withPredictions(new PointPredictions(EstimateCommand::predict, hardware));
        PrintWriter err = spec.commandLine().getErr();
        study.plan().warnings().forEach(w -> err.println("warning: " + w));
        Lem lem = Lem.builder().lemHome(lemHome()).listener(new ConsoleProgress(err)).build();
        if (dryRun) {
            lem.dryRun(study).lines().forEach(out::println);
            out.flush();
            return 0;
        }
        if (studyFile == null && resume == null) {
            err.println("lem run: demo study (short 3 s baseline and 2 warm-up requests so it fits in ~2 minutes; "
                    + "study files default to 30 s and 5). See `lem run --print-demo`.");
        }
        Path dir = resume != null ? resume : StudyRunner.newStudyDir(results, study.studyName());
        if (study.plan().execution().executor().equals("slurm")) {
            int code = SlurmRun.submitAndFollow(lem, study, dir, set.pairs, options, out, err);
            if (!noReport && Files.isRegularFile(dir.resolve("study.json"))) {
                ReportCommand.afterRun(dir, out, err);
            }
            return code;
        }
        StudyResult result;
        CountDownLatch printed = new CountDownLatch(1);
        Thread studyThread = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            studyThread.interrupt();
            try {
                printed.await(STOP_WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lem-run-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            result = lem.runStudy(study, dir, options);
            print(study, result, out);
            // after Ctrl-C the run exits promptly; `lem report` makes the same report later
            if (!noReport && !Thread.currentThread().isInterrupted()
                    && Files.isRegularFile(dir.resolve("study.json"))) {
                ReportCommand.afterRun(dir, out, err);
            }
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and has been released above
            }
        }
        if (result.message() != null) {
            err.println("lem run: " + result.state() + ": " + result.message());
        }
        boolean failed = result.outcomes().stream().anyMatch(o -> !o.status().equals("done")
                && !o.status().equals("skipped"));
        return failed || !result.state().equals(StudyResult.FINISHED) ? ErrorHandler.FAILURE : 0;
    }

    /** The study file, the one a resumed directory was written from, or the demo. */
    private StudyConfig load() {
        if (studyFile != null) {
            return StudyLoader.load(studyFile, set.pairs);
        }
        return resume != null ? studyOf(resume, set.pairs) : DemoStudy.load(set.pairs);
    }

    /** The study a directory was written from (its manifest's first source), or the demo. */
    static StudyConfig studyOf(Path dir, java.util.Map<String, String> pairs) {
        if (StudyManifest.exists(dir)) {
            List<String> sources = StudyManifest.read(dir).sources();
            if (!sources.isEmpty()) {
                return StudyLoader.load(Path.of(sources.getFirst()), pairs);
            }
        }
        return DemoStudy.load(pairs);
    }

    /** One row per run for a one-cycle study (the table studies always had); the point summary otherwise. */
    private static void print(StudyConfig study, StudyResult result, PrintWriter out) {
        boolean repeated = study.plan().execution().repetitions().maxCycles() > 1;
        if (!repeated) {
            SummaryTable.print(result, out);
        }
        if (repeated || !study.plan().factors().isEmpty()) {
            StudyTable.print(result, out, repeated);
        }
        out.flush();
    }

    private static Path lemHome() {
        String home = System.getProperty("lem.home");
        return home == null ? null : Path.of(home);
    }
}
