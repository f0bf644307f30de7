package io.lem.report.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.result.EngineMetricsCsv;

/**
 * engine_metrics.csv (the engine's Prometheus series scraped during the run, already in long form
 * {@code time_s,series,value}, time on requests.jsonl's clock): one row per value. Empty when no run wrote one.
 */
final class EngineMetricsTable {

    static final String FILE = EngineMetricsCsv.FILE;

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
        Table.Builder rows = new Table.Builder(TidyTables.ENGINE_METRICS, "one row per engine metric value scraped"
                + " during the run (engine_metrics.csv)", COLUMNS);
        for (Run run : runs) {
            Path file = run.dir().resolve(FILE);
            if (!run.measured() || !Files.isRegularFile(file)) {
                continue;
            }
            for (EngineMetricsCsv.Row r : EngineMetricsCsv.read(file)) {
                Map<String, Object> row = run.ids();
                row.put("time_s", r.timeS());
                row.put("value", r.value());
                row.put("series", r.series());
                rows.add(row);
            }
        }
        return rows.build();
    }
}
