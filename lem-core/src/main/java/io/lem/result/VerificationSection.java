package io.lem.result;

import java.util.List;

/**
 * The {@code verification} section lem run and lem load write into result.json and summary.json: the figures
 * recomputed from the raw files.
 *
 * @param figuresChecked            null when the figures could not be recomputed ({@code error} says why)
 * @param largestRelativeDifference null likewise
 * @param failures                  the dotted names of the figures that differ
 */
public record VerificationSection(boolean passed, Integer figuresChecked, Double largestRelativeDifference,
                                  List<String> failures, String error) {

    public static final String SECTION = "verification";
    public static final String PASSED = "passed";
    public static final String FIGURES_CHECKED = "figures_checked";
    public static final String LARGEST_RELATIVE_DIFFERENCE = "largest_relative_difference";
    public static final String FAILURES = "failures";
    public static final String FIGURE = "figure";
    public static final String ERROR = "error";

    public VerificationSection {
        failures = List.copyOf(failures);
    }

    /** The section of a result or summary tree; null when it has none (written before verification ran). */
    static VerificationSection of(tools.jackson.databind.JsonNode document) {
        tools.jackson.databind.JsonNode v = document.path(SECTION);
        if (!v.isObject()) {
            return null;
        }
        Long checked = JsonFiles.whole(v, FIGURES_CHECKED);
        return new VerificationSection(v.path(PASSED).asBoolean(false), checked == null ? null : checked.intValue(),
                JsonFiles.number(v, LARGEST_RELATIVE_DIFFERENCE),
                v.path(FAILURES).valueStream().map(f -> f.path(FIGURE).asString("")).toList(),
                JsonFiles.string(v, ERROR));
    }
}
