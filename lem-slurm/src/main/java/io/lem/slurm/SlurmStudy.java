package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.lem.Lem;
import io.lem.plan.Repetitions;
import io.lem.plan.StudyConfig;
import io.lem.result.AtomicFiles;
import io.lem.study.RunStatus;
import io.lem.study.StudyManifest;
import io.lem.study.StudyOptions;
import io.lem.study.StudyResult;

/**
 * A study run as one Slurm job array: {@link #submit} readies the study directory as {@code lem run} would
 * ({@link Lem#openStudy}), writes the sbatch script and submits it; {@link #follow} follows the array and records
 * every run's end in manifest.json and study.json ({@link Lem#closeStudy}), as the local executor's end of a study
 * does. Only this process writes manifest.json; the tasks write their own run directories and status files.
 */
public final class SlurmStudy {

    private final Lem lem;
    private final SlurmCommands slurm;
    private final Consumer<String> progress;

    /** @param progress receives the follower's progress lines and warnings */
    public SlurmStudy(Lem lem, SlurmCommands slurm, Consumer<String> progress) {
        this.lem = lem;
        this.slurm = slurm;
        this.progress = progress;
    }

    /**
     * Submits every run without a result as one array; null when nothing is left to run. An adaptive study's first
     * array holds its minimum cycles; {@link #submitNextCycle} adds the others, one array per cycle.
     *
     * @param overrides the --set pairs {@code study} was loaded with, kept in jobs.json for {@code lem collect}
     */
    public JobsFile.Job submit(StudyConfig study, Path studyDir, SlurmOptions options, Map<String, String> overrides)
            throws IOException, InterruptedException {
        ArrayScript.checkDirectory(studyDir);
        StudyManifest manifest = lem.openStudy(study, studyDir);
        List<Integer> pending = IntStream.range(0, manifest.runs().size())
                .filter(i -> manifest.runs().get(i).status() == RunStatus.PENDING).boxed().toList();
        if (pending.isEmpty()) {
            return null;
        }
        if (!options.exclusive()) {
            progress.accept("warning: slurm.exclusive=false: the tasks may share nodes with other jobs, whose power "
                    + "is then measured as the runs' own");
        }
        Path slurmDir = studyDir.resolve(ArrayScript.DIR);
        Files.createDirectories(slurmDir.resolve("logs"));
        JobsFile jobs = JobsFile.read(studyDir);
        String before = jobs.jobs().isEmpty() ? null : jobs.jobs().getLast().jobId();
        for (int run : pending) {
            keepAside(UnitStatus.file(studyDir, run), before); // else the follower would read the old attempt's end
        }
        Path script = slurmDir.resolve(ArrayScript.FILE);
        keepAside(script, before);
        AtomicFiles.write(script, ArrayScript.render(study.studyName(), studyDir, pending, manifest.runs().size(),
                options).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String jobId = slurm.sbatch(script);
        JobsFile.Job job = new JobsFile.Job(jobId, Instant.now().toString(),
                studyDir.relativize(script).toString(), pending, overrides);
        jobs.with(job).write(studyDir);
        progress.accept("submitted slurm job " + jobId + ": " + pending.size() + " run(s) as array "
                + ArrayScript.ranges(pending) + "; script " + script);
        return job;
    }

    /**
     * An adaptive study's next cycle as a new array, once every task of the arrays before has ended: one run for each
     * point whose interval is still too wide and that has cycles left (as the local executor adds them, from the
     * same study.json intervals); null when no point needs another, or the study has a fixed number of cycles.
     */
    public JobsFile.Job submitNextCycle(StudyConfig study, Path studyDir, SlurmOptions options,
                                        Map<String, String> overrides, StudyOptions studyOptions)
            throws IOException, InterruptedException {
        if (lem.addAdaptiveCycle(study, studyDir, studyOptions) == 0) {
            return null;
        }
        return submit(study, studyDir, options, overrides);
    }

    /** Whether more arrays may follow this study's first: it repeats each point until its interval is narrow enough. */
    public static boolean adaptive(StudyConfig study) {
        return study.plan().execution().repetitions() instanceof Repetitions.Adaptive;
    }

    /**
     * Follows {@code job} until its tasks have ended (or {@code follower} is stopped) and writes the study's end.
     * State finished when every task ended; paused when {@code execution.max_consecutive_failures} runs failed in a
     * row, which cancels the rest of the array (the local executor's circuit breaker); interrupted when the follower
     * was asked to cancel the array; running when it stopped following without cancelling (the tasks run on;
     * {@code lem collect} gathers them).
     */
    public StudyResult follow(StudyConfig study, Path studyDir, ArrayFollower follower, JobsFile.Job job,
                              StudyOptions options) throws IOException, InterruptedException {
        StudyOptions withHardware = withHardware(studyDir, options);
        FailureBreaker breaker = new FailureBreaker(study.plan().execution().maxConsecutiveFailures());
        ArrayFollower.Followed followed = follower.follow((runs, line) -> {
            progress.accept(line);
            lem.closeStudy(study, studyDir, runs, withHardware, "running", null);
            if (breaker.observe(runs)) {
                follower.stop(true);
            }
        });
        String state;
        String message;
        if (breaker.tripped() && followed.cancelled()) {
            state = StudyResult.PAUSED;
            message = breaker.inARow() + " runs failed in a row (execution.max_consecutive_failures): job "
                    + job.jobId() + " cancelled from lem (scancel), its unfinished runs recorded as interrupted; "
                    + "last error: " + breaker.lastError() + "; fix the cause, then continue with lem run --resume "
                    + studyDir + " --executor slurm";
        } else if (followed.cancelled()) {
            state = StudyResult.INTERRUPTED;
            message = "job " + job.jobId() + " cancelled from lem (scancel); its unfinished runs are recorded as "
                    + "interrupted; continue with lem run --resume " + studyDir + " --executor slurm";
        } else if (!followed.complete()) {
            state = "running";
            message = "lem stopped following job " + job.jobId() + "; its tasks run on; gather them with lem collect "
                    + studyDir;
        } else {
            state = StudyResult.FINISHED;
            message = null;
        }
        StudyResult result = lem.closeStudy(study, studyDir, followed.ended(), withHardware, state, message);
        HardwareCheck.of(studyDir, StudyManifest.read(studyDir)).warnings().forEach(w -> progress.accept("warning: " + w));
        return result;
    }

    /**
     * {@code options} with study.json's {@code points[].hardware} from the status files, read once per write (the
     * manifest just written says which runs are measured), not once per point.
     */
    public static StudyOptions withHardware(Path studyDir, StudyOptions options) {
        return options.withHardware(() -> {
            StudyManifest manifest = StudyManifest.read(studyDir);
            HardwareCheck check = HardwareCheck.of(studyDir, manifest);
            Map<Integer, Map<String, Object>> byPoint = new java.util.TreeMap<>();
            manifest.points().forEach(p -> byPoint.put(p.index(), check.json(p.index())));
            return byPoint;
        });
    }

    /** A follower of the study's latest job, for {@code lem collect} or a just-submitted job. */
    public ArrayFollower follower(Path studyDir, JobsFile.Job job, double pollS) {
        return new ArrayFollower(slurm, studyDir, job.jobId(), job.runs(), pollS);
    }

    /** The study's latest job, as {@code lem collect} follows it. */
    public static JobsFile.Job latestJob(Path studyDir) {
        return JobsFile.read(studyDir).latest(studyDir);
    }

    /** A file of an earlier attempt is evidence: renamed with that attempt's job id, never deleted. */
    private static void keepAside(Path file, String jobId) throws IOException {
        if (Files.exists(file)) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Files.move(file, file.resolveSibling(name.substring(0, dot) + "." + (jobId == null ? "earlier" : jobId)
                    + name.substring(dot)), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
