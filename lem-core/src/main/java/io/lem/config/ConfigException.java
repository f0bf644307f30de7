package io.lem.config;

/**
 * A user mistake in a config file, a flag or an API call. The message names the field, the value and the fix;
 * the CLI prints it as one line and exits with code 2.
 */
public class ConfigException extends RuntimeException {

    private final String field;

    public ConfigException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public ConfigException(String field, String message, Throwable cause) {
        super(field == null ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** The offending key (dotted, e.g. {@code workload.concurrency}), or null when the whole input is at fault. */
    public String field() {
        return field;
    }
}
