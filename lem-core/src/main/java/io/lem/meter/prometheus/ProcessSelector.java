package io.lem.meter.prometheus;

import io.lem.meter.MeterException;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which of Scaphandre's per-process samples belong to the measured engine. Matching is on one label's whole value
 * (exact, or a regex that must match all of it), never a substring of the whole sample line: {@code cmdline=~vllm}
 * does not match {@code /usr/bin/vllm serve}, {@code cmdline=~.*vllm.*} does.
 */
public sealed interface ProcessSelector {

    /** The labels Scaphandre puts on {@code scaph_process_power_consumption_microwatts}. */
    Set<String> LABELS = Set.of("exe", "cmdline", "pid");

    /** Whether a sample with these label values is selected; {@code treePids} is only used by {@link Tree}. */
    boolean matches(Sample sample, Set<Integer> treePids);

    /** Text form for domain sources and messages. */
    String describe();

    /** The engine's process tree: the root pid and its descendants at the time of each scrape. */
    record Tree(int rootPid) implements ProcessSelector {
        @Override
        public boolean matches(Sample sample, Set<Integer> treePids) {
            String pid = sample.label("pid");
            if (pid == null) {
                return false;
            }
            try {
                return treePids.contains(Integer.parseInt(pid));
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "process tree of pid " + rootPid;
        }
    }

    /** {@code label=value}: the label's value equals the text exactly. */
    record LabelEquals(String label, String value) implements ProcessSelector {
        public LabelEquals {
            Objects.requireNonNull(value, "value");
            checkLabel(label);
        }

        @Override
        public boolean matches(Sample sample, Set<Integer> treePids) {
            return value.equals(sample.label(label));
        }

        @Override
        public String describe() {
            return label + "=" + value;
        }
    }

    /** {@code label=~regex}: the regex matches the label's whole value. */
    record LabelRegex(String label, Pattern regex) implements ProcessSelector {
        public LabelRegex {
            Objects.requireNonNull(regex, "regex");
            checkLabel(label);
        }

        @Override
        public boolean matches(Sample sample, Set<Integer> treePids) {
            String v = sample.label(label);
            return v != null && regex.matcher(v).matches();
        }

        @Override
        public String describe() {
            return label + "=~" + regex.pattern();
        }
    }

    /**
     * Parses {@code label=value} or {@code label=~regex} with label one of exe, cmdline, pid.
     *
     * @param source where the text came from (an env variable or config key), for the message
     */
    static ProcessSelector parse(String source, String text) throws MeterException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new MeterException(source + "='" + text + "' is not a process selector: use label=value or"
                    + " label=~regex with label one of " + LABELS + ", e.g. cmdline=~.*vllm serve.*");
        }
        String label = text.substring(0, eq).strip();
        if (!LABELS.contains(label)) {
            throw new MeterException(source + "='" + text + "': unknown label '" + label + "', use one of " + LABELS);
        }
        if (text.startsWith("~", eq + 1)) {
            try {
                return new LabelRegex(label, Pattern.compile(text.substring(eq + 2)));
            } catch (PatternSyntaxException e) {
                throw new MeterException(source + "='" + text + "': invalid regex: " + e.getDescription());
            }
        }
        return new LabelEquals(label, text.substring(eq + 1));
    }

    private static void checkLabel(String label) {
        if (!LABELS.contains(label)) {
            throw new IllegalArgumentException("label must be one of " + LABELS + ", was '" + label + "'");
        }
    }
}
