package io.lem.slurm;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;

/**
 * The circuit breaker of a followed array, as {@code execution.max_consecutive_failures} is for the local executor:
 * trips when that many runs have ended failed (or timed out) with no run done between them, in the order the
 * follower sees them end (by run index within one look), so a broken engine does not spend every task's node time.
 */
final class FailureBreaker {

    private final int limit;
    private final Set<Integer> seen = new HashSet<>();
    private int inARow;
    private String lastError;

    FailureBreaker(int limit) {
        this.limit = limit;
    }

    /** Takes the runs' states at one look; true once the limit is reached (and from then on). */
    boolean observe(Map<Integer, UnitOutcome> runs) {
        for (Map.Entry<Integer, UnitOutcome> e : new TreeMap<>(runs).entrySet()) {
            RunStatus status = e.getValue().status();
            if (status == RunStatus.RUNNING || status == RunStatus.PENDING || !seen.add(e.getKey())) {
                continue;
            }
            if (status.failure()) {
                inARow++;
                lastError = e.getValue().error();
            } else if (status == RunStatus.DONE && inARow < limit) {
                inARow = 0;
            }
        }
        return tripped();
    }

    boolean tripped() {
        return inARow >= limit;
    }

    int inARow() {
        return inARow;
    }

    String lastError() {
        return lastError;
    }
}
