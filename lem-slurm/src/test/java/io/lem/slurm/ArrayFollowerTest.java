package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower's verdicts for the edge cases a real Slurm cannot be made to show on demand, with a scripted
 * {@link SlurmCommands}: each look answers from a script, and the tasks' status files are real files.
 */
class ArrayFollowerTest {

    @TempDir
    Path study;

    /** Answers squeue from a list of looks (the last one repeats); sacct as a cluster without accounting. */
    static final class Scripted implements SlurmCommands {
        final List<List<TaskState>> looks;
        final Function<String, Optional<List<TaskState>>> sacct;
        final List<String> cancelled = new ArrayList<>();
        int look;

        Scripted(List<List<TaskState>> looks, Function<String, Optional<List<TaskState>>> sacct) {
            this.looks = looks;
            this.sacct = sacct;
        }

        @Override
        public String sbatch(Path script) {
            return "42";
        }

        @Override
        public List<TaskState> squeue(String jobId) {
            return looks.get(Math.min(look++, looks.size() - 1));
        }

        @Override
        public void scancel(String jobId) {
            cancelled.add(jobId);
        }

        @Override
        public Optional<List<TaskState>> sacct(String jobId) {
            return sacct.apply(jobId);
        }
    }

    private static final Function<String, Optional<List<SlurmCommands.TaskState>>> NO_ACCOUNTING =
            j -> Optional.empty();

    private void status(int unit, RunStatus ended, String error) throws IOException {
        UnitStatus started = new UnitStatus(unit, "2026-12-01T10:00:00Z", null, null, null, null, "4" + unit, "42",
                new UnitStatus.NodeHardware("n1", "Test CPU", List.of(), null));
        (ended == null ? started : started.finished("2026-12-01T10:01:00Z", ended,
                ended == RunStatus.DONE ? 0 : 1, error)).write(study);
    }

    private static SlurmCommands.TaskState task(int i, String state) {
        return new SlurmCommands.TaskState(i, state, state.equals("PENDING") ? null : "n1");
    }

    @Test
    void statusFilesFirstThenSlurmsStatesForWhatTheTasksCouldNotSay() throws Exception {
        status(0, RunStatus.DONE, null);
        status(1, RunStatus.FAILED, "engine exited with 1");
        status(2, null, null); // started, then killed at its time limit
        status(3, null, null); // started, then scancelled by someone else
        // 4 never ran: cancelled while pending
        Scripted slurm = new Scripted(List.of(List.of(task(0, "COMPLETED"), task(1, "FAILED"), task(2, "TIMEOUT"),
                task(3, "CANCELLED"), task(4, "CANCELLED"))), NO_ACCOUNTING);
        List<String> lines = new ArrayList<>();
        ArrayFollower.Followed f = new ArrayFollower(slurm, study, "42", List.of(0, 1, 2, 3, 4), 0.01)
                .follow((runs, line) -> lines.add(line));

        assertThat(f.complete()).isTrue();
        assertThat(f.cancelled()).isFalse();
        assertThat(statuses(f.ended())).isEqualTo(Map.of(0, RunStatus.DONE, 1, RunStatus.FAILED, 2,
                RunStatus.TIMED_OUT, 3, RunStatus.FAILED, 4, RunStatus.FAILED));
        assertThat(f.ended().get(1).error()).isEqualTo("engine exited with 1");
        assertThat(f.ended().get(2).error()).startsWith("task 42_2 on n1 reached its time limit (slurm.time)");
        assertThat(f.ended().get(3).error()).startsWith("task 42_3 on n1 cancelled in Slurm (scancel)");
        assertThat(lines).containsExactly("slurm job 42: 5/5 runs ended, 1 done, 3 failed, 1 timed_out, 0 running, "
                + "0 pending");
    }

    @Test
    void aJobSlurmForgotIsJudgedFromTheStatusFilesAloneWhenSacctIsDisabled() throws Exception {
        status(0, RunStatus.DONE, null);
        status(1, null, null);
        Scripted slurm = new Scripted(List.of(List.of()), NO_ACCOUNTING);
        ArrayFollower.Followed f = new ArrayFollower(slurm, study, "42", List.of(0, 1, 2), 0.01)
                .follow((runs, line) -> { });

        assertThat(statuses(f.ended())).isEqualTo(Map.of(0, RunStatus.DONE, 1, RunStatus.FAILED, 2,
                RunStatus.FAILED));
        assertThat(f.ended().get(1).error()).contains("Slurm no longer knows task 42_1", "recorded no end");
        assertThat(f.ended().get(2).error()).contains("never started");
        assertThat(slurm.look).as("three looks before a task counts as lost").isEqualTo(3);
    }

    @Test
    void sacctAnswersWhereAccountingIsEnabled() throws Exception {
        Scripted slurm = new Scripted(List.of(List.of()), j -> Optional.of(List.of(task(0, "NODE_FAIL"))));
        ArrayFollower.Followed f = new ArrayFollower(slurm, study, "42", List.of(0), 0.01).follow((runs, line) -> { });
        assertThat(f.ended().get(0).status()).isEqualTo(RunStatus.FAILED);
        assertThat(f.ended().get(0).error()).startsWith("task 42_0 on n1 ended in Slurm state NODE_FAIL");
    }

    @Test
    void progressIsReportedAsTasksStartAndEnd() throws Exception {
        Scripted slurm = new Scripted(List.of(List.of(task(0, "PENDING"), task(1, "PENDING")),
                List.of(task(0, "RUNNING"), task(1, "PENDING")), List.of(task(0, "COMPLETED"), task(1, "RUNNING")),
                List.of(task(0, "COMPLETED"), task(1, "COMPLETED"))), NO_ACCOUNTING);
        List<String> lines = new ArrayList<>();
        List<Map<Integer, UnitOutcome>> reported = new ArrayList<>();
        ArrayFollower follower = new ArrayFollower(slurm, study, "42", List.of(0, 1), 0.01);
        follower.follow((runs, line) -> {
            lines.add(line);
            reported.add(runs);
            if (slurm.look == 2) {
                status(0, RunStatus.DONE, null); // written before the task left RUNNING
            }
            if (slurm.look == 3) {
                status(1, RunStatus.DONE, null);
            }
        });
        assertThat(lines).containsExactly(
                "slurm job 42: 0/2 runs ended, 0 running, 2 pending",
                "slurm job 42: 0/2 runs ended, 1 running, 1 pending",
                "slurm job 42: 1/2 runs ended, 1 done, 1 running, 0 pending",
                "slurm job 42: 2/2 runs ended, 2 done, 0 running, 0 pending");
        assertThat(reported.get(1).get(0).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void stoppingWithCancelScancelsTheArrayAndRecordsItsRunsAsInterrupted() throws Exception {
        status(0, null, null);
        Scripted slurm = new Scripted(List.of(List.of(task(0, "RUNNING"), task(1, "PENDING")),
                List.of(task(0, "CANCELLED"), task(1, "CANCELLED"))), NO_ACCOUNTING);
        ArrayFollower follower = new ArrayFollower(slurm, study, "42", List.of(0, 1), 0.01);
        follower.stop(true);
        ArrayFollower.Followed f = follower.follow((runs, line) -> { });
        assertThat(slurm.cancelled).containsExactly("42");
        assertThat(f.cancelled()).isTrue();
        assertThat(statuses(f.ended())).isEqualTo(Map.of(0, RunStatus.INTERRUPTED, 1, RunStatus.INTERRUPTED));
    }

    @Test
    void stoppingWithoutCancelLeavesTheArrayRunning() throws Exception {
        Scripted slurm = new Scripted(List.of(List.of(task(0, "RUNNING"))), NO_ACCOUNTING);
        ArrayFollower follower = new ArrayFollower(slurm, study, "42", List.of(0), 0.01);
        follower.stop(false);
        ArrayFollower.Followed f = follower.follow((runs, line) -> { });
        assertThat(slurm.cancelled).isEmpty();
        assertThat(f.complete()).isFalse();
        assertThat(f.ended()).isEmpty();
    }

    private static Map<Integer, RunStatus> statuses(Map<Integer, UnitOutcome> ended) {
        Map<Integer, RunStatus> s = new java.util.TreeMap<>();
        ended.forEach((k, v) -> s.put(k, v.status()));
        return s;
    }
}
