package io.lem.meter.prometheus;

/**
 * Something about one line: skipped (its sample or HELP/TYPE is not in the result) or only noted (kept).
 *
 * @param lineNumber 1-based
 * @param problem    the reason, without the line number
 */
public record LineIssue(int lineNumber, boolean skipped, String problem, String line) {

    /** "line 12 skipped: value 'x' is not a number ... : 'the line'". */
    public String message() {
        return "line " + lineNumber + (skipped ? " skipped: " : " kept: ") + problem + ": '"
                + PrometheusFormatException.abbreviate(line) + "'";
    }
}
