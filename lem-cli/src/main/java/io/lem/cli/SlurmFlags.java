package io.lem.cli;

import java.util.Map;

import picocli.CommandLine.Option;

/** {@code lem run}'s Slurm flags: each is the {@code --set} of its key, so a flag and the study file mean the same. */
final class SlurmFlags {

    @Option(names = "--executor", paramLabel = "local|slurm", description = "Where the runs execute: local (here, "
            + "one after another; default) or slurm (one Slurm job array; execution.executor).")
    String executor;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition of the array (slurm.partition).")
    String partition;

    @Option(names = "--gpus-per-task", paramLabel = "N", description = "GPUs bound to each task (slurm.gpus_per_task).")
    String gpusPerTask;

    @Option(names = "--time", paramLabel = "T", description = "Time limit of each task, e.g. 1:00:00 (slurm.time).")
    String time;

    @Option(names = "--account", paramLabel = "A", description = "Slurm account charged (slurm.account).")
    String account;

    @Option(names = "--max-parallel", paramLabel = "K", description = "Tasks running at once, the array's %%K "
            + "(slurm.max_parallel).")
    String maxParallel;

    void addTo(Map<String, String> pairs) {
        put(pairs, "execution.executor", executor);
        put(pairs, "slurm.partition", partition);
        put(pairs, "slurm.gpus_per_task", gpusPerTask);
        put(pairs, "slurm.time", time);
        put(pairs, "slurm.account", account);
        put(pairs, "slurm.max_parallel", maxParallel);
    }

    private static void put(Map<String, String> pairs, String key, String value) {
        if (value != null) {
            pairs.put(key, value);
        }
    }
}
