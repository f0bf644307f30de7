package io.lem.engine;

/** The engine died or stopped answering during an experiment: that experiment failed, the study goes on. */
public final class EngineFailedException extends EngineException {

    private final transient EngineFailure failure;

    public EngineFailedException(EngineFailure failure) {
        super(failure.reason(), false);
        this.failure = failure;
    }

    public EngineFailure failure() {
        return failure;
    }
}
