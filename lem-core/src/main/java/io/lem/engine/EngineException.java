package io.lem.engine;

/** The engine could not be started, became unhealthy, or failed; the message carries the engine's own reason. */
public class EngineException extends Exception {

    private final boolean userError;

    public EngineException(String message, boolean userError) {
        super(message);
        this.userError = userError;
    }

    /** True when the cause is the user's input (missing or invalid model file, port in use): exit code 2. */
    public boolean userError() {
        return userError;
    }
}
