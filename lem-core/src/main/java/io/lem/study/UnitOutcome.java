package io.lem.study;

import io.lem.engine.EngineFailure;

/**
 * How a unit ended.
 *
 * @param summary       the figures when done, else null
 * @param error         why it did not finish, else null
 * @param engineFailure how the engine died or stalled when that failed it, else null
 */
public record UnitOutcome(RunStatus status, ExperimentSummary summary, String error, EngineFailure engineFailure) {

    public static UnitOutcome done(ExperimentSummary summary) {
        return new UnitOutcome(RunStatus.DONE, summary, null, null);
    }

    public static UnitOutcome ended(RunStatus status, String error, EngineFailure failure) {
        return new UnitOutcome(status, null, error, failure);
    }
}
