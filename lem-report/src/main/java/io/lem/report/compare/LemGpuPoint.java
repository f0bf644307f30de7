package io.lem.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.lem.report.export.Column;
import io.lem.report.export.Table;
import io.lem.report.export.TidyTables;

/**
 * A lem point in the terms a published GPU benchmark uses, each figure the mean over the point's measured cycles
 * (from the cycles table): GPU-only and whole-node J/output-token over lem's measured window, throughput, TPOT, the
 * batch limit B, the model and the GPUs.
 *
 * @param gpuJoulesPerOutputToken GPU domains' energy / output tokens; null when the run had no GPU meter
 * @param estimated               whether any cycle's energy is (in part) an estimate
 */
public record LemGpuPoint(String label, Long batchLimit, String model, String gpuName, Long gpuCount,
                          Double gpuJoulesPerOutputToken, Double nodeJoulesPerOutputToken, Double tokensPerSecond,
                          Double tpotMs, long cycles, boolean estimated) {

    public static List<LemGpuPoint> of(TidyTables tables) {
        Table c = tables.table(TidyTables.CYCLES);
        Map<List<Object>, List<List<Object>>> points = new LinkedHashMap<>();
        for (List<Object> row : c.rows()) {
            if (row.get(c.indexOf("source_file")) != null) {
                points.computeIfAbsent(List.of(String.valueOf(row.get(c.indexOf(TidyTables.RESULTS_DIR))),
                        row.get(c.indexOf("point_index")), String.valueOf(row.get(c.indexOf(TidyTables.POINT_HASH)))),
                        k -> new ArrayList<>()).add(row);
            }
        }
        List<LemGpuPoint> out = new ArrayList<>();
        for (List<List<Object>> rows : points.values()) {
            List<Object> first = rows.getFirst();
            Function<String, Object> f = name -> first.get(c.indexOf(name));
            StringBuilder label = new StringBuilder();
            for (String key : tables.sweptKeys()) {
                label.append(label.isEmpty() ? "" : " ").append(key).append('=')
                        .append(first.get(c.indexOf(Column.ofKey(key))));
            }
            if (label.isEmpty()) {
                label.append(f.apply(TidyTables.RESULTS_DIR));
            }
            out.add(new LemGpuPoint(label.toString(), (Long) f.apply("batch_limit"), (String) f.apply("model"),
                    (String) f.apply("gpu_name"), (Long) f.apply("gpu_count"),
                    mean(rows, r -> ratio(r.get(c.indexOf("gpu_energy_j")), r.get(c.indexOf("output_tokens")))),
                    mean(rows, r -> (Double) r.get(c.indexOf("joules_per_output_token"))),
                    mean(rows, r -> (Double) r.get(c.indexOf("tokens_per_second"))),
                    mean(rows, r -> (Double) r.get(c.indexOf("tpot_ms"))), rows.size(),
                    rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.get(c.indexOf("energy_estimated"))))));
        }
        return out;
    }

    private static Double ratio(Object energy, Object tokens) {
        return energy instanceof Double e && tokens instanceof Double t && t > 0 ? e / t : null;
    }

    /** The mean of every cycle's figure; null when any cycle lacks it (a mean of some cycles would mislead). */
    private static Double mean(List<List<Object>> rows, Function<List<Object>, Double> figure) {
        double sum = 0;
        for (List<Object> r : rows) {
            Double v = figure.apply(r);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum / rows.size();
    }
}
