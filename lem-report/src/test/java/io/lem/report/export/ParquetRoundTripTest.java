package io.lem.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported file read back by a fresh DuckDB (its own Parquet and CSV readers) equals the rows it was written
 * from: every column, every row, and the Parquet column types.
 */
class ParquetRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void parquetReadBackEqualsTheSourceRows() throws IOException, SQLException {
        TidyTables tables = tables();
        List<Path> files = TableFiles.write(tables, ExportFormat.PARQUET, tmp.resolve("parquet"));
        assertThat(files).hasSize(tables.tables().size());
        try (Connection db = DuckTables.open()) {
            for (int i = 0; i < files.size(); i++) {
                Table table = tables.tables().get(i);
                String read = "read_parquet('" + files.get(i) + "')";
                assertThat(types(db, read)).as(table.name())
                        .isEqualTo(table.columns().stream().map(c -> c.type().sqlType()).toList());
                assertThat(rows(db, read, table)).as(table.name()).isEqualTo(table.rows());
            }
        }
    }

    @Test
    void csvReadBackByDuckDbEqualsTheSourceRows() throws IOException, SQLException {
        TidyTables tables = tables();
        List<Path> files = TableFiles.write(tables, ExportFormat.CSV, tmp.resolve("csv"));
        try (Connection db = DuckTables.open()) {
            for (int i = 0; i < files.size(); i++) {
                Table table = tables.tables().get(i);
                if (table.rows().isEmpty()) {
                    continue;
                }
                // the types are given, so only the text of each cell is DuckDB's to parse
                String read = "read_csv('" + files.get(i) + "', header = true, quote = '\"', escape = '\"',"
                        + " columns = {" + String.join(", ", table.columns().stream()
                        .map(c -> "'" + c.name() + "': '" + c.type().sqlType() + "'").toList()) + "})";
                assertThat(rows(db, read, table)).as(table.name()).isEqualTo(table.rows());
            }
        }
    }

    /** A study and a lem load output under one root: every table has rows of both kinds. */
    private static TidyTables tables() {
        return TidyTables.under(Fixtures.resource("results"), "root");
    }

    private static List<String> types(Connection db, String source) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (r.next()) {
                types.add(r.getString("column_type"));
            }
        }
        return types;
    }

    private static List<List<Object>> rows(Connection db, String source, Table table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + source)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < table.columns().size(); c++) {
                    Object v = switch (table.columns().get(c).type()) {
                        case STRING -> r.getString(c + 1);
                        case LONG -> r.getLong(c + 1);
                        case DOUBLE -> r.getDouble(c + 1);
                        case BOOLEAN -> r.getBoolean(c + 1);
                    };
                    row.add(r.wasNull() ? null : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
