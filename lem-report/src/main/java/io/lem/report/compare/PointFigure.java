package io.lem.report.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.report.export.Column;
import io.lem.report.export.Table;
import io.lem.report.export.TidyTables;

/**
 * One point's J/output-token as the points table has it: the mean over its cycles and the 95 % interval
 * (null bounds below two cycles).
 *
 * @param keys      the swept keys that tell the point apart, by config key
 * @param estimated whether any cycle's energy is (in part) an estimate
 */
public record PointFigure(String resultsDir, int pointIndex, String pointHash, Map<String, Object> keys,
                          Double joulesPerOutputToken, Double ciLower, Double ciUpper, long cycles,
                          Boolean estimated) {

    /** Every point of these tables, in order. */
    public static List<PointFigure> of(TidyTables tables) {
        Table p = tables.table(TidyTables.POINTS);
        return p.rows().stream().map(row -> {
            Map<String, Object> keys = new LinkedHashMap<>();
            tables.sweptKeys().forEach(k -> keys.put(k, row.get(p.indexOf(Column.ofKey(k)))));
            return new PointFigure((String) row.get(p.indexOf(TidyTables.RESULTS_DIR)),
                    ((Long) row.get(p.indexOf("point_index"))).intValue(),
                    (String) row.get(p.indexOf(TidyTables.POINT_HASH)), keys,
                    (Double) row.get(p.indexOf("joules_per_output_token")),
                    (Double) row.get(p.indexOf("joules_per_output_token_ci_lower")),
                    (Double) row.get(p.indexOf("joules_per_output_token_ci_upper")),
                    (Long) row.get(p.indexOf("cycles_measured")), (Boolean) row.get(p.indexOf("energy_estimated")));
        }).toList();
    }

    /** {@code engine.parallel=2 workload.concurrency=2}, or the point's directory and hash without swept keys. */
    public String label() {
        if (keys.isEmpty()) {
            return resultsDir + (pointHash == null ? "" : " " + pointHash.substring(0, Math.min(8, pointHash.length())));
        }
        StringBuilder s = new StringBuilder();
        keys.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }
}
