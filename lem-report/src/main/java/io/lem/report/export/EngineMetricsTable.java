package io.lem.report.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.result.ResultFileException;

/**
 * engine_metrics.csv (the engine's Prometheus series scraped during the run, already in long form
 * {@code time_s,series,value}, time on requests.jsonl's clock): one row per value. Empty when no run wrote one.
 */
final class EngineMetricsTable {

    static final String FILE = "engine_metrics.csv";

    private static final List<Column> COLUMNS = columns();

    private EngineMetricsTable() {
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>(TidyTables.IDS);
        c.add(new Column("time_s", ColumnType.DOUBLE));
        c.add(new Column("series", ColumnType.STRING));
        c.add(new Column("value", ColumnType.DOUBLE));
        return List.copyOf(c);
    }

    static Table of(List<Run> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            Path file = run.dir().resolve(FILE);
            if (!run.measured() || !Files.isRegularFile(file)) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> cells = Csv.split(lines.get(i));
                if (cells.size() != 3) {
                    throw new ResultFileException(file + ":" + (i + 1), "expected time_s,series,value, got "
                            + cells.size() + " cells; fix: rerun the load or restore the file");
                }
                Map<String, Object> row = run.ids();
                try {
                    row.put("time_s", Double.parseDouble(cells.get(0)));
                    row.put("value", Double.parseDouble(cells.get(2)));
                } catch (NumberFormatException e) {
                    throw new ResultFileException(file + ":" + (i + 1), "not a number (" + e.getMessage()
                            + "); fix: rerun the load or restore the file");
                }
                row.put("series", cells.get(1));
                rows.add(row);
            }
        }
        return Table.of(TidyTables.ENGINE_METRICS, "one row per engine metric value scraped during the run"
                + " (engine_metrics.csv)", COLUMNS, rows);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
