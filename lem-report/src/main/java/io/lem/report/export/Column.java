package io.lem.report.export;

/**
 * One column of a tidy table: a stable snake_case name whose suffix carries the unit ({@code energy_j},
 * {@code ttft_ms}, {@code joules_per_output_token}), and its type.
 */
public record Column(String name, ColumnType type) {

    public Column {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column name '" + name + "' is not snake_case");
        }
    }

    /** The unit its name carries, or "" for an id, a count-free label or a flag. */
    public String unit() {
        return Units.of(name);
    }

    /** A swept config key as a column name: dots and dashes become underscores ({@code engine.parallel} → {@code engine_parallel}). */
    public static String ofKey(String configKey) {
        return configKey.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
