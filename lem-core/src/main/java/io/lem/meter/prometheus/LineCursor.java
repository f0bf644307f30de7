package io.lem.meter.prometheus;

import java.util.regex.Pattern;

/**
 * One line of an exposition and a position in it: the lexical rules of the text format 0.0.4 (names, quoted label
 * values and their escapes, numbers, timestamps), each failing with the line's number and the column.
 */
final class LineCursor {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    final int lineNumber;
    final String line;
    int pos;

    LineCursor(int lineNumber, String raw) {
        this.lineNumber = lineNumber;
        this.line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }

    boolean atEnd() {
        return pos >= line.length();
    }

    /** The character at the position; call only when not {@link #atEnd()}. */
    char peek() {
        return line.charAt(pos);
    }

    /** Consumes {@code c} when it is next. */
    boolean accept(char c) {
        if (!atEnd() && line.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** The rest of the line from the position. */
    String rest() {
        return line.substring(pos);
    }

    long timestamp() throws PrometheusFormatException {
        String ts = token();
        if (!INTEGER.matcher(ts).matches()) {
            throw error("timestamp '" + ts + "' is not an integer number of milliseconds");
        }
        return Long.parseLong(ts);
    }

    String labelValue() throws PrometheusFormatException {
        StringBuilder sb = new StringBuilder();
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos == line.length()) {
                    break;
                }
                char e = line.charAt(pos++);
                switch (e) {
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    case 'n' -> sb.append('\n');
                    default -> throw error("invalid escape '\\" + e + "' in a label value (only \\\\, \\\" and \\n)");
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated label value");
    }

    static String unescapeHelp(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '\\' || s.charAt(i + 1) == 'n')) {
                sb.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    double value(String token) throws PrometheusFormatException {
        switch (token) {
            case "NaN", "nan" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!NUMBER.matcher(token).matches()) {
                    throw error("value '" + token + "' is not a number (nor NaN, +Inf, -Inf)");
                }
                return Double.parseDouble(token);
            }
        }
    }

    String metricName() throws PrometheusFormatException {
        int start = pos;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            boolean ok = c == '_' || c == ':' || Character.isLetter(c) && c < 128 || pos > start && isDigit(c);
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        return line.substring(start, pos);
    }

    String labelName() throws PrometheusFormatException {
        int start = pos;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (!(c == '_' || Character.isLetter(c) && c < 128 || pos > start && isDigit(c))) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        return line.substring(start, pos);
    }

    String token() {
        int start = pos;
        while (pos < line.length() && !isSpace(line.charAt(pos))) {
            pos++;
        }
        return line.substring(start, pos);
    }

    void expect(char c) throws PrometheusFormatException {
        if (pos >= line.length() || line.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    void skipSpace() {
        while (pos < line.length() && isSpace(line.charAt(pos))) {
            pos++;
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    PrometheusFormatException error(String problem) {
        return new PrometheusFormatException(lineNumber, line, problem + " at column " + (pos + 1));
    }

}
