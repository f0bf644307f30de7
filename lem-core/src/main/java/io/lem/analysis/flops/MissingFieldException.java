package io.lem.analysis.flops;

/**
 * A model description lacks a field the architecture tier needs: the caller falls back to the parameter-count tier
 * (low confidence) or reports the field.
 */
public final class MissingFieldException extends RuntimeException {

    private final String source;
    private final String key;

    public MissingFieldException(String source, String key) {
        super(source + ": '" + key + "' is missing; the architecture FLOPs tier needs it (fix: use a complete "
                + "config.json or GGUF file, or give the parameter count for the low-confidence tier)");
        this.source = source;
        this.key = key;
    }

    public String source() {
        return source;
    }

    public String key() {
        return key;
    }
}
