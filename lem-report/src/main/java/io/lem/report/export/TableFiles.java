package io.lem.report.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.result.AtomicFiles;
import io.lem.result.Json;

/**
 * Writes tidy tables as files, one per table. Numbers are Java's shortest repeatable decimal form, independent of
 * the default locale (Double.toString, never String.format), so a file written under de_DE equals one written
 * under en_US byte for byte.
 */
public final class TableFiles {

    private TableFiles() {
    }

    /** Writes every table into {@code outDir} (created when missing); returns the files in table order. */
    public static List<Path> write(TidyTables tables, ExportFormat format, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> files = new ArrayList<>();
        if (format == ExportFormat.PARQUET) {
            try (Connection db = DuckTables.open()) {
                for (Table table : tables.tables()) {
                    Path file = outDir.resolve(table.name() + "." + format.extension());
                    DuckTables.load(db, table);
                    DuckTables.writeParquet(db, table, file);
                    files.add(file);
                }
            } catch (SQLException e) {
                throw new IOException("DuckDB could not write Parquet into " + outDir + ": " + e.getMessage(), e);
            }
            return files;
        }
        for (Table table : tables.tables()) {
            Path file = outDir.resolve(table.name() + "." + format.extension());
            String text = format == ExportFormat.CSV ? csv(table) : jsonl(table);
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
            files.add(file);
        }
        return files;
    }

    /** The header, then one line per row; lines end in CRLF as RFC 4180 says. */
    public static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(Column::name).toList())).append("\r\n");
        for (List<Object> row : table.rows()) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object v = row.get(i);
                if (v instanceof String s) {
                    out.append(Csv.cell(s));
                } else if (v != null) {
                    out.append(v);
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    public static String jsonl(Table table) {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : table.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                object.put(table.columns().get(i).name(), row.get(i));
            }
            out.append(Json.compact().writeValueAsString(object)).append('\n');
        }
        return out.toString();
    }
}
