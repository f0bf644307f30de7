package io.lem.meter.prometheus;

/** A line of a Prometheus text exposition could not be parsed; the message names the line and what was wrong. */
public final class PrometheusFormatException extends Exception {

    private final int lineNumber;
    private final String problem;

    PrometheusFormatException(int lineNumber, String line, String problem) {
        super("line " + lineNumber + ": " + problem + ": '" + abbreviate(line) + "'");
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** What was wrong, without the line. */
    public String problem() {
        return problem;
    }

    /** 1-based line number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
