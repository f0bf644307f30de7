package io.lem.llamacpp.serve;

/**
 * Serving failed. {@link #userError()} is true when the user can fix it (missing or invalid model file,
 * port in use, bad option) and false for failures inside the engine.
 */
public final class ServeException extends RuntimeException {
    private final boolean userError;

    private ServeException(String message, boolean userError, Throwable cause) {
        super(message, cause);
        this.userError = userError;
    }

    public static ServeException user(String message) {
        return new ServeException(message, true, null);
    }

    public static ServeException user(String message, Throwable cause) {
        return new ServeException(message, true, cause);
    }

    public static ServeException engine(String message, Throwable cause) {
        return new ServeException(message, false, cause);
    }

    public boolean userError() {
        return userError;
    }
}
