package io.lem.study;

import java.util.Locale;

/** Where a (point, cycle) run stands, as manifest.json and study.json write it (lower case). */
public enum RunStatus {
    PENDING, RUNNING, DONE, SKIPPED, FAILED, TIMED_OUT, INTERRUPTED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String jsonName) {
        return valueOf(jsonName.toUpperCase(Locale.ROOT));
    }

    /** Whether the run produced a result: done now, or done before and kept on resume. */
    public boolean measured() {
        return this == DONE || this == SKIPPED;
    }

    /** A failure for the circuit breaker: the run ended without a result and was not stopped by the user. */
    public boolean failure() {
        return this == FAILED || this == TIMED_OUT;
    }
}
