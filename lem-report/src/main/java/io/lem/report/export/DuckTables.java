package io.lem.report.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Tidy tables inside an in-memory DuckDB: each table created with its columns' types and filled from the same rows
 * the CSV and JSONL exports write (through DuckDB's appender, not SQL text), so a query or a Parquet file sees
 * exactly those values.
 */
public final class DuckTables {

    private DuckTables() {
    }

    /** A fresh in-memory database; nothing is written to disk until asked. */
    public static Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** Creates and fills every table. */
    public static void load(Connection connection, TidyTables tables) throws SQLException {
        for (Table table : tables.tables()) {
            load(connection, table);
        }
    }

    public static void load(Connection connection, Table table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + quote(table.name()) + " (" + table.columns().stream()
                    .map(c -> quote(c.name()) + " " + c.type().sqlType()).collect(Collectors.joining(", ")) + ")");
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name())) {
            for (List<Object> row : table.rows()) {
                appender.beginRow();
                for (int i = 0; i < row.size(); i++) {
                    append(appender, row.get(i));
                }
                appender.endRow();
            }
        }
    }

    /** COPY one loaded table to a Parquet file, its column types kept. */
    public static void writeParquet(Connection connection, Table table, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COPY " + quote(table.name()) + " TO '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet)");
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (value) {
            case null -> appender.appendNull();
            case String s -> appender.append(s);
            case Long l -> appender.append(l.longValue());
            case Double d -> appender.append(d.doubleValue());
            case Boolean b -> appender.append(b.booleanValue());
            default -> throw new IllegalArgumentException("no DuckDB type for " + value.getClass());
        }
    }

    /** A SQL identifier: every name here is snake_case, quoted anyway so a reserved word cannot break it. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
