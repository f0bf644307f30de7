package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;
import org.junit.jupiter.api.Test;

class FailureBreakerTest {

    private static UnitOutcome run(RunStatus status) {
        return UnitOutcome.ended(status, status == RunStatus.DONE ? null : "error of a " + status.jsonName(), null);
    }

    @Test
    void tripsAtTheLimitOfFailuresWithNoDoneRunBetweenThem() {
        FailureBreaker breaker = new FailureBreaker(3);
        assertThat(breaker.observe(Map.of(0, run(RunStatus.FAILED), 1, run(RunStatus.RUNNING)))).isFalse();
        // looks repeat the runs seen before: each counts once
        assertThat(breaker.observe(Map.of(0, run(RunStatus.FAILED), 1, run(RunStatus.TIMED_OUT)))).isFalse();
        assertThat(breaker.inARow()).isEqualTo(2);
        // a done run resets the count; an interrupted one neither counts nor resets
        assertThat(breaker.observe(Map.of(0, run(RunStatus.FAILED), 1, run(RunStatus.TIMED_OUT),
                2, run(RunStatus.DONE), 3, run(RunStatus.INTERRUPTED), 4, run(RunStatus.FAILED)))).isFalse();
        assertThat(breaker.inARow()).isEqualTo(1);
        assertThat(breaker.observe(Map.of(5, run(RunStatus.FAILED), 6, run(RunStatus.FAILED)))).isTrue();
        assertThat(breaker.lastError()).isEqualTo("error of a failed");
        // once tripped it stays tripped, even if a run then ends done
        assertThat(breaker.observe(Map.of(7, run(RunStatus.DONE)))).isTrue();
        assertThat(breaker.tripped()).isTrue();
    }

    @Test
    void withinOneLookRunsCountInIndexOrder() {
        FailureBreaker breaker = new FailureBreaker(2);
        // 0 failed, 1 done, 2 failed: never two in a row, whatever order the map iterates in
        assertThat(breaker.observe(Map.of(2, run(RunStatus.FAILED), 0, run(RunStatus.FAILED),
                1, run(RunStatus.DONE)))).isFalse();
        assertThat(breaker.inARow()).isEqualTo(1);
    }
}
