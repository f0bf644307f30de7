package io.lem.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import io.lem.config.ConfigException;

/**
 * One study file, checked and normalised: nested or dotted keys alike become dotted keys, every value is checked
 * where it was written, and the sweep is split into axes and groups. Whole documents then merge key by key for
 * {@code base:} (see {@link #overriddenBy}).
 *
 * @param studyName   {@code study_name}, or null when the file has none
 * @param base        {@code base:} as written, or null
 * @param fixed       the keys every point shares ({@code engine.*}, {@code workload.*}, {@code measurement.*})
 * @param sweep       the sweep entries by name, in file order
 * @param experiments the explicit {@code experiments:} entries, or null when the file has no such list
 * @param execution   the {@code execution.*} keys without their prefix, unchecked until merged
 */
record StudyDocument(String studyName, String base, SequencedMap<String, Object> fixed,
                     SequencedMap<String, SweepEntry> sweep, List<Map<String, Object>> experiments,
                     SequencedMap<String, Object> execution) {

    static final List<String> TOP_LEVEL = List.of("study_name", "base", "engine", "workload", "measurement", "gpu",
            "carbon", "sweep", "experiments", "execution", "slurm");

    static StudyDocument read(Map<?, ?> root, KeyCheck check) {
        String studyName = null;
        String base = null;
        SequencedMap<String, Object> fixed = new LinkedHashMap<>();
        SequencedMap<String, SweepEntry> sweep = new LinkedHashMap<>();
        List<Map<String, Object>> experiments = null;
        SequencedMap<String, Object> execution = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : root.entrySet()) {
            String key = String.valueOf(entry.getKey());
            int dot = key.indexOf('.');
            String section = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? "" : key.substring(dot + 1);
            Object value = entry.getValue();
            if (value == null && dot < 0 && !section.equals("study_name") && !section.equals("base")) {
                continue; // an empty section ("sweep:" with nothing under it) is no section
            }
            switch (section) {
                case "study_name" -> studyName = value == null ? null : String.valueOf(value);
                case "base" -> base = text("base", value);
                case "sweep" -> readSweep(rest, value, check, sweep);
                case "experiments" -> experiments = experiments(value, check);
                case "execution" -> KeyCheck.flatten(rest, value, execution::put);
                // study-level like execution (where runs go, not what they measure): kept with it, prefix and all
                case "slurm" -> KeyCheck.flatten(key, value, execution::put);
                case "engine", "workload", "measurement", "gpu", "carbon" ->
                        KeyCheck.flatten(key, value, (k, v) -> fixed.put(k, check.check(k, k, v)));
                default -> throw new ConfigException(key, "unknown key; fix: use one of " + TOP_LEVEL);
            }
        }
        return new StudyDocument(studyName, base, fixed, sweep, experiments, execution);
    }

    /** This document with {@code child}'s keys on top: scalars and sweep entries by name, experiments as a whole. */
    StudyDocument overriddenBy(StudyDocument child) {
        SequencedMap<String, Object> mergedFixed = new LinkedHashMap<>(fixed);
        mergedFixed.putAll(child.fixed);
        SequencedMap<String, SweepEntry> mergedSweep = new LinkedHashMap<>(sweep);
        mergedSweep.putAll(child.sweep);
        SequencedMap<String, Object> mergedExecution = new LinkedHashMap<>(execution);
        mergedExecution.putAll(child.execution);
        return new StudyDocument(child.studyName != null ? child.studyName : studyName, child.base, mergedFixed,
                mergedSweep, child.experiments != null ? child.experiments : experiments, mergedExecution);
    }

    private static void readSweep(String prefix, Object value, KeyCheck check, SequencedMap<String, SweepEntry> into) {
        String path = prefix.isEmpty() ? "sweep" : "sweep." + prefix;
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                throw new ConfigException(path, "an empty map sweeps nothing; fix: give a list of values");
            }
            map.forEach((k, v) -> readSweep(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, check, into));
            return;
        }
        if (prefix.isEmpty()) {
            throw new ConfigException("sweep", "expected a map of axes and groups, got " + KeyCheck.shown(value)
                    + "; fix: write e.g. 'sweep: {engine.parallel: [1, 2]}'");
        }
        List<?> list = value instanceof List<?> l ? l : java.util.Collections.singletonList(value);
        if (list.isEmpty()) {
            throw new ConfigException(path, "an empty list sweeps nothing; fix: give at least one value");
        }
        long maps = list.stream().filter(v -> v instanceof Map<?, ?>).count();
        if (maps > 0 && maps < list.size()) {
            throw new ConfigException(path, "mixes maps and values; fix: a list of values is an axis, a list of "
                    + "maps is a group of alternatives: use one form");
        }
        if (maps == 0) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                values.add(check.check(path + "[" + i + "]", prefix, list.get(i)));
            }
            into.put(prefix, new SweepEntry.Axis(prefix, values));
            return;
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            variants.addAll(groupEntry(path + "[" + i + "]", (Map<?, ?>) list.get(i), check));
        }
        into.put(prefix, new SweepEntry.Group(prefix, variants));
    }

    /** A group entry; a list of values inside it expands to a small grid of its own (LLenergyMeasure's rule). */
    private static List<SequencedMap<String, Object>> groupEntry(String path, Map<?, ?> entry, KeyCheck check) {
        Map<String, Object> fixedKeys = new LinkedHashMap<>();
        List<List<Map<String, Object>>> grid = new ArrayList<>();
        KeyCheck.flatten("", entry, (key, value) -> {
            if (KeyCheck.isScalarList(value)) {
                List<?> values = (List<?>) value;
                List<Object> checked = new ArrayList<>();
                for (int j = 0; j < values.size(); j++) {
                    checked.add(check.check(path + "." + key + "[" + j + "]", key, values.get(j)));
                }
                grid.add(new SweepEntry.Axis(key, checked).choices());
            } else if (value instanceof List<?> l && l.isEmpty()) {
                throw new ConfigException(path + "." + key, "an empty list sweeps nothing; fix: give a value");
            } else {
                fixedKeys.put(key, check.check(path + "." + key, key, literal(value)));
            }
        });
        List<SequencedMap<String, Object>> variants = SweepEntry.cross(grid);
        variants.forEach(v -> {
            SequencedMap<String, Object> ordered = new LinkedHashMap<>(fixedKeys);
            ordered.putAll(v);
            v.clear();
            v.putAll(ordered);
        });
        return variants;
    }

    /** A nested list {@code [[a, b]]} is the literal list {@code [a, b]}, not an axis. */
    private static Object literal(Object value) {
        return value instanceof List<?> l && l.size() == 1 && l.getFirst() instanceof List<?> inner ? inner : value;
    }

    private static List<Map<String, Object>> experiments(Object value, KeyCheck check) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("experiments", "expected a list of maps of overrides, got "
                    + KeyCheck.shown(value) + "; fix: write e.g. '- {engine.parallel: 2}' entries");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "experiments[" + i + "]";
            Object item = list.get(i);
            if (item != null && !(item instanceof Map<?, ?>)) {
                throw new ConfigException(path, "expected a map of overrides, got " + KeyCheck.shown(item)
                        + "; fix: write e.g. {engine.parallel: 2}");
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            if (item != null) {
                KeyCheck.flatten("", item, (k, v) -> flat.put(k, check.check(path + "." + k, k, v)));
            }
            result.add(flat);
        }
        return result;
    }

    private static String text(String field, Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?> || value.toString().isBlank()) {
            throw new ConfigException(field, "expected a file name, got " + KeyCheck.shown(value)
                    + "; fix: name another study file, relative to this one");
        }
        return value.toString().strip();
    }
}
