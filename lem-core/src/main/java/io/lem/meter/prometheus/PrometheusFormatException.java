package io.lem.meter.prometheus;

/** A line of a Prometheus text exposition could not be parsed; the message names the line and what was wrong. */
public final class PrometheusFormatException extends Exception {

    private final int lineNumber;

    PrometheusFormatException(int lineNumber, String line, String problem) {
        super("line " + lineNumber + ": " + problem + ": '" + abbreviate(line) + "'");
        this.lineNumber = lineNumber;
    }

    /** 1-based line number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
