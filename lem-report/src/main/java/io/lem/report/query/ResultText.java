package io.lem.report.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.report.export.Csv;
import io.lem.report.export.Numbers;
import io.lem.result.Json;

/**
 * A query result as text: an aligned table for people (numbers to 6 significant digits, right-aligned), or CSV and
 * JSON with every digit. All of it independent of the default locale.
 */
public final class ResultText {

    private ResultText() {
    }

    public static String aligned(QueryResult result) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(result.columns());
        result.rows().forEach(r -> cells.add(r.stream().map(ResultText::human).toList()));
        int[] width = new int[result.columns().size()];
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = cells.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                boolean right = i > 0 && isNumber(result.rows().get(i - 1).get(c));
                String pad = " ".repeat(width[c] - row.get(c).length());
                line.append(c == 0 ? "" : "  ").append(right ? pad + row.get(c) : row.get(c) + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append(result.rows().size()).append(result.rows().size() == 1 ? " row" : " rows").append('\n');
        return out.toString();
    }

    public static String csv(QueryResult result) {
        StringBuilder out = new StringBuilder(String.join(",", result.columns().stream().map(Csv::cell)
                .toList())).append("\r\n");
        for (List<Object> row : result.rows()) {
            out.append(String.join(",", row.stream().map(v -> v == null ? "" : Csv.cell(exact(v))).toList()))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** A JSON array of objects, one per row, keys in column order. */
    public static String json(QueryResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                object.put(result.columns().get(c), v == null || v instanceof Number || v instanceof Boolean
                        ? v : exact(v));
            }
            rows.add(object);
        }
        return Json.pretty().writeValueAsString(rows) + "\n";
    }

    private static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    private static String human(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> Numbers.sixDigits(d.doubleValue());
            case Float f -> Numbers.sixDigits(f.doubleValue());
            case BigDecimal b -> Numbers.sixDigits(b.doubleValue());
            default -> String.valueOf(v);
        };
    }

    private static String exact(Object v) {
        return v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v);
    }
}
