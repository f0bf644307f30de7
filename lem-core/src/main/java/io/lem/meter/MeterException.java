package io.lem.meter;

/** A meter could not be opened or read. The message says why and, where there is one, the fix. */
public class MeterException extends Exception {

    public MeterException(String message) {
        super(message);
    }

    public MeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
