package io.lem.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.plan.StudyConfig;
import io.lem.slurm.JobsFile;
import io.lem.slurm.ProcessSlurmCommands;
import io.lem.slurm.SlurmOptions;
import io.lem.slurm.SlurmStudy;
import io.lem.study.StudyManifest;
import io.lem.study.StudyOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lem collect DIR}: follows a study's Slurm job array from another shell and writes its end. */
@Command(name = "collect", mixinStandardHelpOptions = true, description = {
        "Follows a study's Slurm job array from another shell and writes its study.json.",
        "",
        "For a directory written by lem run --executor slurm: waits until its tasks have ended, marks each run done, "
                + "failed, cancelled or timed out from the tasks' status files and squeue, and writes manifest.json and "
                + "study.json, as the submitting lem does. It uses the --set that lem run was given (kept in slurm/jobs.json); "
                + "a --set given here replaces the stored one of the same key."})
public final class CollectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
    Path dir;

    @CommandLine.Mixin
    SetOption set;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!StudyManifest.exists(dir)) {
            throw new ConfigException("DIR", dir + " holds no manifest.json; fix: give a study directory written by "
                    + "lem run --executor slurm");
        }
        JobsFile.Job job = SlurmStudy.latestJob(dir);
        Map<String, String> overrides = job.overridesWith(set.pairs);
        StudyConfig study = RunCommand.studyOf(dir, overrides);
        String written = StudyManifest.read(dir).studyDesignHash();
        if (!study.plan().studyDesignHash().equals(written)) {
            throw new ConfigException("--set", dir + " was written for another study design than its study file "
                    + "gives with these settings (the submit-time ones in slurm/jobs.json, then --set " + set.pairs
                    + "); fix: leave out the --set that changes the design, or give the ones of the lem run that "
                    + "submitted it");
        }
        Lem lem = Lem.builder().listener(new ConsoleProgress(err)).build();
        SlurmStudy slurm = new SlurmStudy(lem, new ProcessSlurmCommands(), line -> err.println("lem collect: " + line));
        // an adaptive study's further cycles are submitted from here too, with this lem's launcher
        SlurmOptions slurmOptions = SlurmOptions.of(study.plan().execution(),
                SlurmStudy.adaptive(study) ? SlurmRun.launcher() : Path.of("lem"));
        return SlurmRun.follow(slurm, study, dir, job, slurmOptions, overrides, StudyOptions.DEFAULT,
                spec.commandLine().getOut(), err);
    }
}
