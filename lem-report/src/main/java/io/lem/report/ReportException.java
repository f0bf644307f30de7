package io.lem.report;

/** A directory a report cannot be made of, or a report that cannot be written: names the path and the fix. */
public class ReportException extends RuntimeException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
