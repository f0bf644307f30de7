package io.lem.analysis.stats;

import java.util.List;

/**
 * A regression whose columns are linearly dependent (or too few rows), so no unique fit exists. It names the
 * columns involved: for the prefill/decode split that usually means a study that did not vary prompt and output
 * lengths independently.
 */
public class SingularDesignException extends RuntimeException {

    private final List<String> columns;

    public SingularDesignException(String message, List<String> columns) {
        super(message);
        this.columns = List.copyOf(columns);
    }

    /** The dependent column first, then those it is a combination of. */
    public List<String> columns() {
        return columns;
    }
}
