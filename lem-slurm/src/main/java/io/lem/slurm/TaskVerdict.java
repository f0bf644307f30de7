package io.lem.slurm;

import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;

/**
 * How a task ended, from its own status file first (it knows why its run failed) and from Slurm where the task could
 * not say (cancelled, killed at the time limit, its node lost). Null while it has not ended.
 */
final class TaskVerdict {

    private TaskVerdict() {
    }

    /**
     * @param status    the task's status file, or null when it wrote none
     * @param task      Slurm's view of the task (squeue, else sacct), or null when Slurm does not know it
     * @param cancelled whether this follower cancelled the array (Ctrl-C): a cancelled task is then interrupted
     * @param unknown   whether Slurm has not known the task for long enough to give up on it
     */
    static UnitOutcome of(int unit, String jobId, UnitStatus status, SlurmCommands.TaskState task,
                          boolean cancelled, boolean unknown) {
        if (status != null && status.finished()) {
            RunStatus ended = RunStatus.of(status.status());
            return ended == RunStatus.DONE ? UnitOutcome.done(null) : UnitOutcome.ended(ended, status.error(), null);
        }
        String where = "task " + jobId + "_" + unit + (task != null && task.node() != null ? " on " + task.node() : "");
        String log = "; see " + ArrayScript.DIR + "/logs/unit-" + unit + ".out";
        if (task == null) {
            return !unknown ? null : UnitOutcome.ended(RunStatus.FAILED, "Slurm no longer knows " + where + " and it "
                    + (status == null ? "never started" : "recorded no end (killed, or its node lost)") + log, null);
        }
        if (!task.ended()) {
            return null;
        }
        return switch (task.state()) {
            case "TIMEOUT" -> UnitOutcome.ended(RunStatus.TIMED_OUT, where + " reached its time limit (slurm.time) "
                    + "and Slurm ended it" + log, null);
            case "CANCELLED" -> cancelled
                    ? UnitOutcome.ended(RunStatus.INTERRUPTED, where + " cancelled from lem (Ctrl-C, scancel)", null)
                    : UnitOutcome.ended(RunStatus.FAILED, where + " cancelled in Slurm (scancel)" + log, null);
            case "COMPLETED" -> UnitOutcome.ended(RunStatus.FAILED, where + " exited without recording its end" + log,
                    null);
            default -> UnitOutcome.ended(RunStatus.FAILED, where + " ended in Slurm state " + task.state() + log, null);
        };
    }
}
