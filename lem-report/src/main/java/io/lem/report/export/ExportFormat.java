package io.lem.report.export;

import java.util.Arrays;
import java.util.Locale;

import io.lem.config.ConfigException;

/** The file formats of {@code lem export}: one file per table, named {@code <table>.<extension>}. */
public enum ExportFormat {
    /** RFC 4180, a header row, '.' decimals whatever the locale, an empty cell for a missing value. */
    CSV("csv"),
    /** One JSON object per row, keys in column order, null for a missing value. */
    JSONL("jsonl"),
    /** Typed columns, written by DuckDB from the same rows. */
    PARQUET("parquet");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** @throws ConfigException naming the formats there are */
    public static ExportFormat of(String field, String name) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(name.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new ConfigException(field, "'" + name + "' is not an export format;"
                        + " fix: use csv, parquet or jsonl"));
    }
}
