package io.lem.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.plan.StudyConfig;
import io.lem.slurm.ArrayFollower;
import io.lem.slurm.JobsFile;
import io.lem.slurm.ProcessSlurmCommands;
import io.lem.slurm.SlurmOptions;
import io.lem.slurm.SlurmStudy;
import io.lem.study.RunStatus;
import io.lem.study.StudyOptions;
import io.lem.study.StudyResult;

/**
 * {@code lem run --executor slurm} and {@code lem collect}: submit (or find) the study's job array, follow it with a
 * progress line, print the study table. Ctrl-C asks whether to cancel the array (scancel) or leave it running.
 */
final class SlurmRun {

    /** How long Ctrl-C waits for the follower to record the study's state. */
    private static final long STOP_WAIT_S = 120;

    private SlurmRun() {
    }

    /** @param overrides the --set pairs the study was loaded with, kept for lem collect */
    static int submitAndFollow(Lem lem, StudyConfig study, Path dir, Map<String, String> overrides,
                               StudyOptions options, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        SlurmOptions slurmOptions = SlurmOptions.of(study.plan().execution(), launcher());
        SlurmStudy slurm = new SlurmStudy(lem, new ProcessSlurmCommands(), line -> err.println("lem run: " + line));
        JobsFile.Job job = slurm.submit(study, dir, slurmOptions, overrides);
        if (job == null && SlurmStudy.adaptive(study)) { // every run so far ended: the cycle after them, if any
            job = slurm.submitNextCycle(study, dir, slurmOptions, overrides, options);
        }
        if (job == null) {
            err.println("lem run: every run of " + dir + " is measured; nothing to submit");
            return print(lem.closeStudy(study, dir, Map.of(),
                    SlurmStudy.withHardware(dir, options), StudyResult.FINISHED, null), out, err);
        }
        return follow(slurm, study, dir, job, slurmOptions, overrides, options, out, err);
    }

    /**
     * Follows {@code job}; for an adaptive study, then submits and follows one array per further cycle while every
     * run so far is done and some point's interval is still too wide.
     *
     * @param overrides the --set pairs the study was loaded with, kept with each further array for lem collect
     */
    static int follow(SlurmStudy slurm, StudyConfig study, Path dir, JobsFile.Job job, SlurmOptions slurmOptions,
                      Map<String, String> overrides, StudyOptions options, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        StudyResult result = followOne(slurm, study, dir, job, slurmOptions.pollS(), options, err);
        while (SlurmStudy.adaptive(study) && result.state().equals(StudyResult.FINISHED)) {
            long failed = notDone(result);
            if (failed > 0) {
                err.println("lem: no further adaptive cycle: " + failed + " run(s) of slurm job "
                        + job.jobId() + " did not finish done; fix the cause, then lem run --resume " + dir
                        + " --executor slurm (it reruns them and goes on with the cycles)");
                break;
            }
            JobsFile.Job next = slurm.submitNextCycle(study, dir, slurmOptions, overrides, options);
            if (next == null) {
                break;
            }
            job = next;
            result = followOne(slurm, study, dir, job, slurmOptions.pollS(), options, err);
        }
        return print(result, out, err);
    }

    private static StudyResult followOne(SlurmStudy slurm, StudyConfig study, Path dir, JobsFile.Job job, double pollS,
                                         StudyOptions options, PrintWriter err)
            throws IOException, InterruptedException {
        ArrayFollower follower = slurm.follower(dir, job, pollS);
        CountDownLatch recorded = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            err.print("\nCancel Slurm job " + job.jobId() + " (scancel)? [y/N] (N: stop following; the tasks run on "
                    + "and lem collect " + dir + " gathers them) ");
            err.flush();
            follower.stop(yes());
            try {
                recorded.await(STOP_WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lem-slurm-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return slurm.follow(study, dir, follower, job, options);
        } finally {
            recorded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and was released above
            }
        }
    }

    private static int print(StudyResult result, PrintWriter out, PrintWriter err) {
        StudyTable.print(result, out, true);
        out.flush();
        if (result.message() != null) {
            err.println("lem: " + result.state() + ": " + result.message());
        }
        return notDone(result) > 0 || !result.state().equals(StudyResult.FINISHED) ? ErrorHandler.FAILURE : 0;
    }

    /** The runs of the last array that did not end done (failed, timed out, interrupted). */
    private static long notDone(StudyResult result) {
        return result.outcomes().stream().filter(o -> !o.status().equals(RunStatus.DONE.jsonName())).count();
    }

    private static boolean yes() {
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }

    /** The launcher each task runs: this lem's ({@code -Dlem.launcher}, else {@code <lem.home>/lem}). */
    static Path launcher() {
        String launcher = System.getProperty("lem.launcher");
        if (launcher != null) {
            return Path.of(launcher);
        }
        String home = System.getProperty("lem.home");
        if (home == null) {
            throw new ConfigException("execution.executor", "slurm needs the path of lem's launcher for its tasks; "
                    + "fix: run lem through its ./lem launcher (it sets lem.home)");
        }
        return Path.of(home, "lem");
    }
}
