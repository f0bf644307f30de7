package io.lem.meter.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

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

    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final List<LineIssue> issues = new ArrayList<>();
    private LineCursor c;

    private PrometheusText() {
    }

    /** Parses a whole exposition into its families, in order of first appearance; the first bad line throws. */
    public static List<MetricFamily> parse(String text) throws PrometheusFormatException {
        PrometheusText parser = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.parseLine(i + 1, lines[i]);
        }
        return parser.families();
    }

    /** Parses what can be parsed: a bad line is skipped and reported in the result's issues, never thrown. */
    public static Exposition read(String text) {
        PrometheusText parser = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int notesBefore = parser.issues.size();
            try {
                parser.parseLine(i + 1, lines[i]);
            } catch (PrometheusFormatException e) {
                parser.issues.subList(notesBefore, parser.issues.size()).clear(); // the skip says it all
                parser.issues.add(new LineIssue(e.lineNumber(), true, e.problem(), parser.c.line));
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

    private void parseLine(int lineNumber, String raw) throws PrometheusFormatException {
        c = new LineCursor(lineNumber, raw);
        c.skipSpace();
        if (c.atEnd()) {
            return;
        }
        if (c.accept('#')) {
            parseComment();
        } else {
            parseSample();
        }
    }

    private void parseComment() throws PrometheusFormatException {
        c.skipSpace();
        String keyword = c.token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return; // any other comment carries no meaning in 0.0.4
        }
        c.skipSpace();
        String name = c.metricName();
        // looked up, not created, until the line is known good: a skipped line must leave no empty family behind
        FamilyBuilder existing = families.get(name);
        if (keyword.equals("HELP")) {
            if (existing != null && existing.help != null) {
                throw c.error("second HELP line for '" + name + "'");
            }
            if (!c.atEnd() && !LineCursor.isSpace(c.peek())) {
                throw c.error("expected a space after the metric name");
            }
            c.skipSpace();
            families.computeIfAbsent(name, FamilyBuilder::new).help = LineCursor.unescapeHelp(c.rest().strip());
            return;
        }
        c.skipSpace();
        String typeToken = c.token();
        MetricType type = MetricType.parse(typeToken).orElseThrow(() -> c.error("unknown metric type '" + typeToken
                + "' (expected counter, gauge, histogram, summary or untyped)"));
        c.skipSpace();
        if (!c.atEnd()) {
            throw c.error("unexpected text after the TYPE");
        }
        if (existing != null && existing.type != null) {
            throw c.error("second TYPE line for '" + name + "'");
        }
        if (existing != null && !existing.samples.isEmpty()) {
            throw c.error("TYPE for '" + name + "' comes after its first sample");
        }
        families.computeIfAbsent(name, FamilyBuilder::new).type = type;
    }

    private void parseSample() throws PrometheusFormatException {
        String name = c.metricName();
        Map<String, String> labels = Map.of();
        c.skipSpace();
        if (c.accept('{')) {
            labels = labels();
            c.skipSpace();
        }
        String valueToken = c.token();
        if (valueToken.isEmpty()) {
            throw c.error("missing value");
        }
        double value = c.value(valueToken);
        c.skipSpace();
        OptionalLong timestamp = OptionalLong.empty();
        if (!c.atEnd()) {
            timestamp = OptionalLong.of(c.timestamp());
            c.skipSpace();
            if (!c.atEnd()) {
                throw c.error("unexpected text after the timestamp");
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
            c.skipSpace();
            if (c.accept('}')) {
                return labels;
            }
            String labelName = c.labelName();
            c.skipSpace();
            c.expect('=');
            c.skipSpace();
            c.expect('"');
            String value = c.labelValue();
            String earlier = labels.putIfAbsent(labelName, value);
            if (earlier != null && !earlier.equals(value)) {
                throw c.error("label '" + labelName + "' appears twice with different values ('" + earlier + "', '"
                        + value + "')");
            }
            if (earlier != null) {
                issues.add(new LineIssue(c.lineNumber, false, "label '" + labelName
                        + "' repeated with the same value; kept once", c.line));
            }
            c.skipSpace();
            if (!c.accept(',') && (c.atEnd() || c.peek() != '}')) {
                throw c.error("expected ',' or '}' after the value of label '" + labelName + "'");
            }
        }
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
