package io.lem.slurm;

import java.nio.file.Path;

import io.lem.plan.ExecutionSettings;

/**
 * How a study's job array is submitted and followed: the {@code slurm.*} keys (study file, {@code --set} or
 * {@code lem run}'s flags alike) and the lem launcher each task runs.
 *
 * @param partition   null for the cluster's default
 * @param account     null for the user's default
 * @param time        a task's limit as sbatch takes it, null for the partition's
 * @param gpusPerTask 0 for none
 * @param maxParallel tasks at once (the array's {@code %K}); 0 for no limit
 * @param exclusive   a whole node per task
 * @param pollS       seconds between the follower's looks
 * @param launcher    absolute path of the {@code lem} launcher the tasks run
 */
public record SlurmOptions(String partition, String account, String time, int gpusPerTask, int maxParallel,
                           boolean exclusive, double pollS, Path launcher) {

    public SlurmOptions {
        launcher = launcher.toAbsolutePath();
    }

    public static SlurmOptions of(ExecutionSettings execution, Path launcher) {
        return new SlurmOptions((String) execution.slurmValue("slurm.partition"),
                (String) execution.slurmValue("slurm.account"), (String) execution.slurmValue("slurm.time"),
                Math.toIntExact((Long) execution.slurmValue("slurm.gpus_per_task")),
                Math.toIntExact((Long) execution.slurmValue("slurm.max_parallel")),
                Boolean.parseBoolean((String) execution.slurmValue("slurm.exclusive")),
                (Double) execution.slurmValue("slurm.poll_s"), launcher);
    }
}
