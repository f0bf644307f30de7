package io.lem.report.export;

import static io.lem.result.ResultFields.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.ConfidenceInterval;
import io.lem.analysis.stats.PointSummary;

/**
 * One row per point: its swept keys, how many cycles ran, and per headline metric the mean over its cycles with the
 * 95 % interval, computed from the cycles' own files exactly as the study computes study.json's (lem-core's
 * {@link PointSummary} with {@link BootstrapOptions#DEFAULT}): a point of an old directory gets the same figures.
 */
final class PointsTable {

    static final String DESCRIPTION = "one row per point: swept keys, cycles, mean and 95 % CI of each headline metric"
            + " over the cycles";

    /** study.json's headline metrics, by result.json name. */
    static final List<String> HEADLINE = List.of(JOULES_PER_OUTPUT_TOKEN, ACTIVE_JOULES_PER_OUTPUT_TOKEN,
            TOKENS_PER_SECOND, TTFT_MEDIAN_MS, E2E_LATENCY_MEDIAN_MS, TOTAL_ENERGY_J);

    static final String CI_LOWER = "_ci_lower";
    static final String CI_UPPER = "_ci_upper";

    private PointsTable() {
    }

    /** From the cycles table's rows, grouped by point in their order: the same figures, never read twice. */
    static Table of(Table cycles, SweptKeys swept) {
        List<Column> columns = new ArrayList<>(TidyTables.IDS.subList(0, 3));
        columns.add(new Column("point_index", ColumnType.LONG));
        columns.add(new Column("point_dir", ColumnType.STRING));
        columns.addAll(swept.columns().values());
        columns.add(new Column("cycles_planned", ColumnType.LONG));
        columns.add(new Column("cycles_measured", ColumnType.LONG));
        columns.add(new Column("energy_estimated", ColumnType.BOOLEAN));
        columns.add(new Column("publishable", ColumnType.BOOLEAN));
        columns.add(new Column("validity_reasons", ColumnType.STRING));
        columns.add(new Column("ci_level", ColumnType.DOUBLE));
        for (String metric : HEADLINE) {
            columns.add(new Column(metric, ColumnType.DOUBLE));
            columns.add(new Column(metric + CI_LOWER, ColumnType.DOUBLE));
            columns.add(new Column(metric + CI_UPPER, ColumnType.DOUBLE));
        }
        List<String> keep = columns.stream().map(Column::name).filter(n -> cycles.indexOf(n) >= 0).toList();
        Map<List<Object>, List<List<Object>>> points = new LinkedHashMap<>();
        for (List<Object> row : cycles.rows()) {
            points.computeIfAbsent(List.of(String.valueOf(cell(cycles, row, TidyTables.RESULTS_DIR)),
                    cell(cycles, row, "point_index"), String.valueOf(cell(cycles, row, TidyTables.POINT_HASH))),
                    k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<List<Object>> runs : points.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            keep.stream().filter(n -> !HEADLINE.contains(n) && !n.equals("energy_estimated")
                            && !n.equals("validity_reasons"))
                    .forEach(n -> row.put(n, cell(cycles, runs.getFirst(), n)));
            List<List<Object>> measured = runs.stream().filter(r -> cell(cycles, r, "source_file") != null).toList();
            row.put("cycles_planned", runs.size());
            row.put("cycles_measured", measured.size());
            row.put("energy_estimated", measured.isEmpty() ? null
                    : measured.stream().anyMatch(r -> Boolean.TRUE.equals(cell(cycles, r, "energy_estimated"))));
            row.put("validity_reasons", reasons(cycles, runs));
            row.put("ci_level", BootstrapOptions.DEFAULT.level());
            for (String metric : HEADLINE) {
                if (measured.isEmpty() || cycles.indexOf(metric) < 0) {
                    continue;
                }
                double[] perCycle = measured.stream().map(r -> cell(cycles, r, metric))
                        .mapToDouble(v -> v == null ? Double.NaN : (Double) v).toArray();
                PointSummary summary = PointSummary.of(perCycle, BootstrapOptions.DEFAULT);
                ConfidenceInterval ci = summary.ci();
                row.put(metric, summary.mean());
                row.put(metric + CI_LOWER, ci.lower());
                row.put(metric + CI_UPPER, ci.upper());
            }
            rows.add(row);
        }
        return Table.of(TidyTables.POINTS, DESCRIPTION, columns, rows);
    }

    /** Every reason code any cycle failed, in first-seen order (study.json's point reasons); null without any. */
    private static String reasons(Table cycles, List<List<Object>> runs) {
        java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>();
        boolean any = false;
        for (List<Object> r : runs) {
            if (cell(cycles, r, "validity_reasons") instanceof String s) {
                any = true;
                codes.addAll(java.util.Arrays.stream(s.split(" ")).filter(c -> !c.isEmpty()).toList());
            }
        }
        return any ? String.join(" ", codes) : null;
    }

    private static Object cell(Table table, List<Object> row, String column) {
        return row.get(table.indexOf(column));
    }
}
