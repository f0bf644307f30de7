package io.lem.meter.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Parser for the Prometheus text exposition format 0.0.4.
 *
 * <p>Strict about syntax (names, label quoting and escapes, numbers, one TYPE and one HELP per family, TYPE before
 * the family's first sample), tolerant where real exporters differ from the letter of the format: comments other
 * than HELP/TYPE are ignored (dcgm-exporter dumps carry {@code # NOTE} lines), a family's samples may be interleaved
 * with other families (Scaphandre), a trailing comma inside the braces and CRLF line ends are accepted, the last
 * line need not end with a newline, and a label repeated with the identical value is kept once with a note
 * (Scaphandre with {@code --qemu} writes {@code exe} twice on qemu processes; Prometheus itself rejects that).
 *
 * <p>{@link #read} is what meters use: a line it cannot parse is skipped with a {@link LineIssue} naming its number
 * and the reason, and the rest of the scrape is kept, so one odd line never costs a whole scrape. {@link #parse}
 * is the strict form: the first such line throws.
 */
public final class PrometheusText {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final List<LineIssue> issues = new ArrayList<>();
    private int lineNumber;
    private String line;
    private int pos;

    private PrometheusText() {
    }

    /** Parses a whole exposition into its families, in order of first appearance; the first bad line throws. */
    public static List<MetricFamily> parse(String text) throws PrometheusFormatException {
        PrometheusText parser = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.lineNumber = i + 1;
            parser.parseLine(lines[i]);
        }
        return parser.families();
    }

    /** Parses what can be parsed: a bad line is skipped and reported in the result's issues, never thrown. */
    public static Exposition read(String text) {
        PrometheusText parser = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.lineNumber = i + 1;
            int notesBefore = parser.issues.size();
            try {
                parser.parseLine(lines[i]);
            } catch (PrometheusFormatException e) {
                parser.issues.subList(notesBefore, parser.issues.size()).clear(); // the skip says it all
                parser.issues.add(new LineIssue(e.lineNumber(), true, e.problem(), parser.line));
            }
        }
        return new Exposition(parser.families(), parser.issues);
    }

    private List<MetricFamily> families() {
        List<MetricFamily> out = new ArrayList<>(families.size());
        for (FamilyBuilder b : families.values()) {
            out.add(new MetricFamily(b.name, b.type == null ? MetricType.UNTYPED : b.type, b.help == null ? ""
                    : b.help, b.samples));
        }
        return out;
    }

    private void parseLine(String raw) throws PrometheusFormatException {
        line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        pos = 0;
        skipSpace();
        if (pos == line.length()) {
            return;
        }
        if (line.charAt(pos) == '#') {
            pos++;
            parseComment();
        } else {
            parseSample();
        }
    }

    private void parseComment() throws PrometheusFormatException {
        skipSpace();
        String keyword = token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return; // any other comment carries no meaning in 0.0.4
        }
        skipSpace();
        String name = metricName();
        // looked up, not created, until the line is known good: a skipped line must leave no empty family behind
        FamilyBuilder existing = families.get(name);
        if (keyword.equals("HELP")) {
            if (existing != null && existing.help != null) {
                throw error("second HELP line for '" + name + "'");
            }
            if (pos < line.length() && !isSpace(line.charAt(pos))) {
                throw error("expected a space after the metric name");
            }
            skipSpace();
            families.computeIfAbsent(name, FamilyBuilder::new).help = unescapeHelp(line.substring(pos).strip());
            return;
        }
        skipSpace();
        String typeToken = token();
        MetricType type = MetricType.parse(typeToken).orElseThrow(() -> error("unknown metric type '" + typeToken
                + "' (expected counter, gauge, histogram, summary or untyped)"));
        skipSpace();
        if (pos != line.length()) {
            throw error("unexpected text after the TYPE");
        }
        if (existing != null && existing.type != null) {
            throw error("second TYPE line for '" + name + "'");
        }
        if (existing != null && !existing.samples.isEmpty()) {
            throw error("TYPE for '" + name + "' comes after its first sample");
        }
        families.computeIfAbsent(name, FamilyBuilder::new).type = type;
    }

    private void parseSample() throws PrometheusFormatException {
        String name = metricName();
        Map<String, String> labels = Map.of();
        skipSpace();
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos++;
            labels = labels();
            skipSpace();
        }
        String valueToken = token();
        if (valueToken.isEmpty()) {
            throw error("missing value");
        }
        double value = value(valueToken);
        skipSpace();
        OptionalLong timestamp = OptionalLong.empty();
        if (pos < line.length()) {
            String ts = token();
            if (!INTEGER.matcher(ts).matches()) {
                throw error("timestamp '" + ts + "' is not an integer number of milliseconds");
            }
            timestamp = OptionalLong.of(Long.parseLong(ts));
            skipSpace();
            if (pos < line.length()) {
                throw error("unexpected text after the timestamp");
            }
        }
        familyOf(name).samples.add(new Sample(name, labels, value, timestamp));
    }

    private FamilyBuilder familyOf(String sampleName) {
        FamilyBuilder own = families.get(sampleName);
        if (own != null) {
            return own;
        }
        for (String suffix : new String[]{"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                FamilyBuilder base = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (base != null && (base.type == MetricType.HISTOGRAM
                        || (base.type == MetricType.SUMMARY && !suffix.equals("_bucket")))) {
                    return base;
                }
            }
        }
        return families.computeIfAbsent(sampleName, FamilyBuilder::new);
    }

    private Map<String, String> labels() throws PrometheusFormatException {
        Map<String, String> labels = new HashMap<>();
        while (true) {
            skipSpace();
            if (pos < line.length() && line.charAt(pos) == '}') {
                pos++;
                return labels;
            }
            String labelName = labelName();
            skipSpace();
            expect('=');
            skipSpace();
            expect('"');
            String value = labelValue();
            String earlier = labels.putIfAbsent(labelName, value);
            if (earlier != null && !earlier.equals(value)) {
                throw error("label '" + labelName + "' appears twice with different values ('" + earlier + "', '"
                        + value + "')");
            }
            if (earlier != null) {
                issues.add(new LineIssue(lineNumber, false, "label '" + labelName
                        + "' repeated with the same value; kept once", line));
            }
            skipSpace();
            if (pos < line.length() && line.charAt(pos) == ',') {
                pos++;
            } else if (pos >= line.length() || line.charAt(pos) != '}') {
                throw error("expected ',' or '}' after the value of label '" + labelName + "'");
            }
        }
    }

    private String labelValue() throws PrometheusFormatException {
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

    private static String unescapeHelp(String s) {
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

    private double value(String token) throws PrometheusFormatException {
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

    private String metricName() throws PrometheusFormatException {
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

    private String labelName() throws PrometheusFormatException {
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

    private String token() {
        int start = pos;
        while (pos < line.length() && !isSpace(line.charAt(pos))) {
            pos++;
        }
        return line.substring(start, pos);
    }

    private void expect(char c) throws PrometheusFormatException {
        if (pos >= line.length() || line.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < line.length() && isSpace(line.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private PrometheusFormatException error(String problem) {
        return new PrometheusFormatException(lineNumber, line, problem + " at column " + (pos + 1));
    }

    private static final class FamilyBuilder {
        final String name;
        final List<Sample> samples = new ArrayList<>();
        MetricType type;
        String help;

        FamilyBuilder(String name) {
            this.name = name;
        }
    }
}
