package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The four Slurm commands lem uses, as the processes they are ({@link ProcessSlurmCommands}); a seam so that the
 * follower's edge cases (a task that vanished, a scheduler that forgot the job) can be scripted in tests.
 */
public interface SlurmCommands {

    /** Submits a batch script; returns the job id (the array's id). */
    String sbatch(Path script) throws IOException, InterruptedException;

    /**
     * Every task of an array Slurm still knows, ended ones included (within its MinJobAge); empty when Slurm no
     * longer knows the job at all.
     */
    List<TaskState> squeue(String jobId) throws IOException, InterruptedException;

    /** Cancels the whole array. */
    void scancel(String jobId) throws IOException, InterruptedException;

    /**
     * The array's tasks from accounting, or empty when accounting is not there to ask (without accounting storage
     * sacct answers "Slurm accounting storage is disabled"): nothing may depend on it.
     */
    Optional<List<TaskState>> sacct(String jobId) throws IOException, InterruptedException;

    /**
     * One array task as squeue or sacct shows it.
     *
     * @param index the array index (lem's run index)
     * @param state Slurm's state name: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ...
     * @param node  where it runs or ran; null while pending
     */
    record TaskState(int index, String state, String node) {

        /** Slurm's states of a task that will not run any more. */
        public boolean ended() {
            return !List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED",
                    "RESIZING", "SIGNALING", "STAGE_OUT").contains(state);
        }
    }
}
