package io.lem.report.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config keys that tell the points apart, as columns: the keys each study's sweep set (study.json's point
 * keys), then every other key whose value differs between the points in scope, so that two separate runs under one
 * root (say two studies at different {@code engine.parallel}) can still be grouped by it.
 *
 * @param columns config key → its column
 */
record SweptKeys(Map<String, Column> columns) {

    static SweptKeys of(List<Run> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.keys().keySet()));
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        // lem load's output has no config: it is no evidence that a key varies
        runs.stream().filter(r -> !r.config().isEmpty())
                .forEach(r -> configs.putIfAbsent(r.resultsDir() + "/" + r.pointHash(), r.config()));
        Set<String> all = new TreeSet<>();
        configs.values().forEach(c -> all.addAll(c.keySet()));
        for (String key : all) {
            if (configs.values().stream().map(c -> c.get(key)).distinct().count() > 1) {
                keys.add(key);
            }
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String key : keys) {
            List<Object> values = new ArrayList<>();
            configs.values().forEach(c -> values.add(c.get(key)));
            columns.put(key, new Column(Column.ofKey(key), typeOf(values)));
        }
        return new SweptKeys(columns);
    }

    /** Each swept key's value for this run, typed as its column. */
    Map<String, Object> values(Run run) {
        Map<String, Object> row = new LinkedHashMap<>();
        columns.forEach((key, column) -> row.put(column.name(), cell(run.config().get(key), column.type())));
        return row;
    }

    private static Object cell(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case STRING -> String.valueOf(value);
        };
    }

    private static ColumnType typeOf(List<Object> values) {
        List<Object> present = values.stream().filter(Objects::nonNull).toList();
        if (!present.isEmpty() && present.stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
            return ColumnType.LONG;
        }
        if (!present.isEmpty() && present.stream().allMatch(v -> v instanceof Number)) {
            return ColumnType.DOUBLE;
        }
        if (!present.isEmpty() && present.stream().allMatch(v -> v instanceof Boolean)) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.STRING;
    }
}
