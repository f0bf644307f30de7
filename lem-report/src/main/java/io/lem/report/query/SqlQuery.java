package io.lem.report.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.lem.config.ConfigException;
import io.lem.report.export.DuckTables;
import io.lem.report.export.TidyTables;

/**
 * SQL over tidy tables: each table is created in a fresh in-memory DuckDB from the same rows {@code lem export}
 * writes, then the statement runs there. Nothing is written to disk and the results directories are only read.
 */
public final class SqlQuery {

    public static final String FIELD = "SQL";

    private SqlQuery() {
    }

    /** Words that make a statement look at the catalogue (which tables there are), not at named tables. */
    private static final Pattern CATALOGUE = Pattern.compile(
            "\\b(information_schema|duckdb_\\w+|show|describe|summarize|pragma)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * The tables of {@link TidyTables#PER_RUN} that {@code sql} may read: those it names as a word, or all of them
     * when it reads the catalogue. Naming one where it is not a table (a column, a string) only loads it needlessly.
     */
    public static Set<String> perRunTablesNamed(String sql) {
        if (CATALOGUE.matcher(sql).find()) {
            return TidyTables.PER_RUN;
        }
        return TidyTables.PER_RUN.stream().filter(table -> Pattern.compile("\\b" + table + "\\b",
                Pattern.CASE_INSENSITIVE).matcher(sql).find()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @throws ConfigException for a statement DuckDB refuses (a syntax error, an unknown table or column), with
     *                         DuckDB's own first line and the fix
     */
    public static QueryResult run(TidyTables tables, String sql) {
        try (Connection db = DuckTables.open()) {
            DuckTables.load(db, tables);
            try (Statement s = db.createStatement()) {
                if (!execute(s, sql)) {
                    return new QueryResult(List.of(), List.of(), List.of());
                }
                try (ResultSet r = s.getResultSet()) {
                    return read(r);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed before running the query: " + e.getMessage(), e);
        }
    }

    private static boolean execute(Statement s, String sql) {
        try {
            return s.execute(sql);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst()
                    .orElse("");
            throw new ConfigException(FIELD, message + "; fix: correct the SQL (lem query --tables lists the tables"
                    + " and their columns)");
        }
    }

    private static QueryResult read(ResultSet r) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
            types.add(meta.getColumnTypeName(c));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (r.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int c = 1; c <= columns.size(); c++) {
                row.add(r.getObject(c));
            }
            rows.add(row);
        }
        return new QueryResult(columns, types, rows);
    }
}
