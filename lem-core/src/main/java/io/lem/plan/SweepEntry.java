package io.lem.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One entry of a study's {@code sweep:} block, after its values were checked. The two forms are LLenergyMeasure's
 * (henrycgbaker/LLenergyMeasure {@code config/sweep_expansion.py}): a list of scalars is an independent
 * {@link Axis}, crossed with every other entry; a list of maps is a dependent {@link Group}, whose entries are
 * alternatives to one another ({@code {}} = the baseline) and which is crossed with the other entries.
 */
public sealed interface SweepEntry {

    /** The dotted key of an axis, or the free name of a group. */
    String name();

    /** The partial points this entry contributes, one per value or variant. */
    List<Map<String, Object>> choices();

    /** An independent axis: one point per value of {@code key}. */
    record Axis(String name, List<Object> values) implements SweepEntry {
        public Axis {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        @Override
        public List<Map<String, Object>> choices() {
            List<Map<String, Object>> choices = new ArrayList<>();
            for (Object value : values) {
                Map<String, Object> choice = new LinkedHashMap<>();
                choice.put(name, value);
                choices.add(choice);
            }
            return choices;
        }
    }

    /** A dependent group: each variant is a set of keys changed together; an empty variant is the baseline. */
    record Group(String name, List<Map<String, Object>> variants) implements SweepEntry {
        public Group {
            variants = variants.stream().map(v -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v)))
                    .toList();
        }

        @Override
        public List<Map<String, Object>> choices() {
            return variants;
        }
    }

    /**
     * The cartesian product of several lists of partial points, each combination merged in list order (a later
     * list's key wins). The last list varies fastest, as Python's {@code itertools.product}, so the expansion
     * order matches LLenergyMeasure's.
     */
    static List<SequencedMap<String, Object>> cross(List<List<Map<String, Object>>> dimensions) {
        List<SequencedMap<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (List<Map<String, Object>> dimension : dimensions) {
            List<SequencedMap<String, Object>> next = new ArrayList<>(combinations.size() * dimension.size());
            for (SequencedMap<String, Object> partial : combinations) {
                for (Map<String, Object> choice : dimension) {
                    SequencedMap<String, Object> merged = new LinkedHashMap<>(partial);
                    merged.putAll(choice);
                    next.add(merged);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
