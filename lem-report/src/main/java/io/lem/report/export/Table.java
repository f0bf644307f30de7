package io.lem.report.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tidy table: one row per observation of one entity, one typed column per variable, cells in column order. Every
 * export and every SQL view is written from these same rows.
 *
 * @param rows each row's cells in column order; null is a missing value (a figure not computable, an absent file)
 */
public record Table(String name, String description, List<Column> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /**
     * A table from rows given as maps (a key not among the columns is a bug), each value normalised (int → long,
     * float → double, a non-finite double → null) and checked against its column's type.
     */
    public static Table of(String name, String description, List<Column> columns, List<Map<String, Object>> rows) {
        Builder table = new Builder(name, description, columns);
        rows.forEach(table::add);
        return table.build();
    }

    /**
     * A table filled a row at a time, each map turned into its cells as it is added (as {@link #of} does), so a
     * table of 300,000 requests never holds 300,000 maps.
     */
    public static final class Builder {

        private final String name;
        private final String description;
        private final List<Column> columns;
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<List<Object>> cells = new ArrayList<>();

        public Builder(String name, String description, List<Column> columns) {
            this.name = name;
            this.description = description;
            this.columns = List.copyOf(columns);
            for (int i = 0; i < this.columns.size(); i++) {
                if (index.put(this.columns.get(i).name(), i) != null) {
                    throw new IllegalArgumentException(name + ": column " + this.columns.get(i).name() + " twice");
                }
            }
        }

        public void add(Map<String, Object> row) {
            Object[] line = new Object[columns.size()];
            row.forEach((key, value) -> {
                Integer i = index.get(key);
                if (i == null) {
                    throw new IllegalArgumentException(name + ": no column " + key);
                }
                Object v = normalise(value);
                if (!columns.get(i).type().accepts(v)) {
                    throw new IllegalArgumentException(name + "." + key + ": " + v.getClass().getSimpleName()
                            + " in a " + columns.get(i).type() + " column");
                }
                line[i] = v;
            });
            cells.add(Collections.unmodifiableList(java.util.Arrays.asList(line)));
        }

        public Table build() {
            return new Table(name, description, columns, cells);
        }
    }

    static Object normalise(Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Float f -> normalise(f.doubleValue());
            case Double d -> Double.isFinite(d) ? d : null;
            default -> value;
        };
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** Every row's cell of one column. */
    public List<Object> column(String column) {
        int i = indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    public Column columnNamed(String column) {
        return columns.get(Objects.checkIndex(indexOf(column), columns.size()));
    }
}
