package io.lem.report.export;

import static io.lem.result.ResultFields.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.result.ResultFile;
import io.lem.result.SummaryFile;
import tools.jackson.databind.JsonNode;

/**
 * One row per (point, cycle) run: its status, request counts, windows and energy, and every figure of result.json's
 * {@code metrics} by its own name. lem load's summary.json fills the same columns where a figure means the same.
 */
final class CyclesTable {

    static final String DESCRIPTION = "one row per (point, cycle) run: result.json's figures (lem load: summary.json's)";

    private static final List<Column> FIXED = List.of(new Column("point_index", ColumnType.LONG),
            new Column("point_dir", ColumnType.STRING), new Column("run_dir", ColumnType.STRING), new Column("status", ColumnType.STRING),
            new Column("source_file", ColumnType.STRING), new Column("engine_type", ColumnType.STRING),
            new Column("model", ColumnType.STRING), new Column("batch_limit", ColumnType.LONG),
            new Column("gpu_name", ColumnType.STRING), new Column("gpu_count", ColumnType.LONG), new Column("energy_estimated", ColumnType.BOOLEAN),
            new Column("verification_passed", ColumnType.BOOLEAN), new Column("publishable", ColumnType.BOOLEAN),
            new Column("validity_reasons", ColumnType.STRING), new Column("requests_measured", ColumnType.LONG),
            new Column("requests_ok", ColumnType.LONG), new Column("requests_failed", ColumnType.LONG),
            new Column("requests_warmup", ColumnType.LONG), new Column("error_rate", ColumnType.DOUBLE),
            new Column("measured_start_s", ColumnType.DOUBLE), new Column("measured_end_s", ColumnType.DOUBLE),
            new Column("measured_duration_s", ColumnType.DOUBLE), new Column("baseline_power_w", ColumnType.DOUBLE),
            new Column("active_energy_raw_j", ColumnType.DOUBLE), new Column("dram_energy_j", ColumnType.DOUBLE),
            new Column("llm_energy_j", ColumnType.DOUBLE),
            new Column("steady_state_duration_s", ColumnType.DOUBLE),
            new Column("steady_state_joules_per_output_token", ColumnType.DOUBLE),
            new Column("batch_limit_window_start_s", ColumnType.DOUBLE),
            new Column("batch_limit_window_end_s", ColumnType.DOUBLE),
            new Column("batch_limit_window_total_energy_j", ColumnType.DOUBLE),
            new Column("batch_limit_window_not_applicable_because", ColumnType.STRING),
            new Column("co2_g", ColumnType.DOUBLE), new Column("water_l", ColumnType.DOUBLE));

    private CyclesTable() {
    }

    static Table of(List<Run> runs, SweptKeys swept) {
        List<Column> columns = new ArrayList<>(TidyTables.IDS);
        columns.addAll(swept.columns().values());
        columns.addAll(FIXED);
        Map<String, ColumnType> metrics = metricColumns(runs);
        metrics.forEach((name, type) -> {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                columns.add(new Column(name, type));
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Object> row = run.ids();
            row.putAll(swept.values(run));
            row.put("point_index", run.pointIndex());
            row.put("point_dir", run.pointDir());
            row.put("run_dir", run.runDir());
            row.put("status", run.status());
            row.put("engine_type", string(run.config().get("engine.type")));
            Object model = run.config().get("engine.model");
            row.put("model", model != null ? string(model) : string(run.config().get("engine.preset")));
            row.put("batch_limit", BatchLimit.of(run.config()));
            validity(run, row);
            if (run.result() != null) {
                result(run, row);
            } else if (run.summary() != null) {
                summary(run.summary(), row);
            }
            rows.add(row);
        }
        return Table.of(TidyTables.CYCLES, DESCRIPTION, columns, rows);
    }

    /** result.json's metric names in file order, a string-valued one (flops_method) as a string column. */
    private static Map<String, ColumnType> metricColumns(List<Run> runs) {
        Map<String, ColumnType> names = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.resultTree() != null) {
                run.resultTree().path(METRICS).properties().forEach(e -> names.merge(e.getKey(),
                        e.getValue().isString() ? ColumnType.STRING : ColumnType.DOUBLE,
                        (a, b) -> a == ColumnType.STRING || b == ColumnType.STRING ? ColumnType.STRING : a));
            }
        }
        if (runs.stream().anyMatch(r -> r.summary() != null)) {
            SUMMARY_METRICS.forEach(n -> names.putIfAbsent(n, ColumnType.DOUBLE));
        }
        return names;
    }

    private static void result(Run run, Map<String, Object> row) {
        ResultFile r = run.result();
        row.put("source_file", "result.json");
        row.put("energy_estimated", r.energy().estimated());
        JsonNode gpus = run.resultTree().path(ENVIRONMENT).path(GPUS);
        row.put("gpu_count", gpus.size());
        row.put("gpu_name", gpus.isEmpty() ? null : gpus.get(0).path(NAME).asString(null));
        row.put("verification_passed", r.verification() == null ? null : r.verification().passed());
        row.put("requests_measured", r.requests().measured());
        row.put("requests_ok", r.requests().ok());
        row.put("requests_failed", r.requests().failed());
        row.put("requests_warmup", r.requests().warmup());
        row.put("error_rate", r.requests().errorRate());
        if (r.timeline().measured() != null) {
            row.put("measured_start_s", r.timeline().measured().startS());
            row.put("measured_end_s", r.timeline().measured().endS());
            row.put("measured_duration_s", r.timeline().measured().durationS());
        }
        row.put("baseline_power_w", r.baseline().powerW());
        row.put("active_energy_raw_j", r.energy().activeEnergyRawJ());
        row.put("dram_energy_j", r.energy().dramEnergyJ());
        row.put("llm_energy_j", r.energy().llmEnergyJ());
        row.put("steady_state_duration_s", r.steadyState().durationS());
        row.put("steady_state_joules_per_output_token", r.steadyState().joulesPerOutputToken());
        // ML.ENERGY's window (B first tokens to N - B first tokens), when the load allowed it
        JsonNode limit = run.resultTree().path(STEADY_STATE).path(BATCH_LIMIT_WINDOW);
        row.put("batch_limit_window_start_s", value(limit.path(START_S)));
        row.put("batch_limit_window_end_s", value(limit.path(END_S)));
        row.put("batch_limit_window_total_energy_j", value(limit.path(TOTAL_ENERGY_J)));
        row.put("batch_limit_window_not_applicable_because", value(limit.path(NOT_APPLICABLE_BECAUSE)));
        row.put("co2_g", r.carbon() == null ? null : r.carbon().co2G());
        row.put("water_l", r.carbon() == null ? null : r.carbon().waterL());
        run.resultTree().path(METRICS).properties().forEach(e -> row.put(e.getKey(), value(e.getValue())));
    }

    /**
     * study.json's data checks: the point's {@code publishable} (repeated on each of its cycles) and this cycle's
     * reason codes, space-separated ("" when it passed every check); null outside a planned study.
     */
    private static void validity(Run run, Map<String, Object> row) {
        if (run.studyPoint() == null) {
            return;
        }
        row.put("publishable", run.studyPoint().publishable());
        if (run.studyPoint().validity().get("cycle_reasons") instanceof List<?> perCycle
                && perCycle.size() >= run.cycle() && perCycle.get(run.cycle() - 1) instanceof List<?> reasons) {
            row.put("validity_reasons", String.join(" ", reasons.stream().map(String::valueOf).toList()));
        }
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? (Object) node.doubleValue() : node.isString() ? node.stringValue() : null;
    }

    /** The result.json metrics summary.json also has, under those names. */
    private static final List<String> SUMMARY_METRICS = List.of(INPUT_TOKENS, OUTPUT_TOKENS, DURATION_SEC,
            TOKENS_PER_SECOND, TOTAL_TOKENS_PER_SECOND, TOTAL_ENERGY_J, ACTIVE_ENERGY_J, CPU_ENERGY_J, GPU_ENERGY_J,
            JOULES_PER_OUTPUT_TOKEN, ACTIVE_JOULES_PER_OUTPUT_TOKEN, "ttft_mean_ms", TTFT_MEDIAN_MS, "ttft_p95_ms",
            "ttft_p99_ms", "e2e_latency_mean_ms", E2E_LATENCY_MEDIAN_MS, "e2e_latency_p95_ms", "e2e_latency_p99_ms",
            TPOT_MS);

    private static void summary(SummaryFile s, Map<String, Object> row) {
        SummaryFile.Metrics m = s.metrics();
        row.put("source_file", "summary.json");
        row.put("model", s.run().model());
        row.put("verification_passed", s.verification() == null ? null : s.verification().passed());
        row.put("requests_measured", m.requests());
        row.put("requests_ok", m.requestsOk());
        row.put("requests_failed", m.requestsFailed());
        row.put("error_rate", m.errorRate());
        row.put(INPUT_TOKENS, m.promptTokens() == null ? null : m.promptTokens().doubleValue());
        row.put(OUTPUT_TOKENS, m.outputTokens() == null ? null : m.outputTokens().doubleValue());
        row.put(DURATION_SEC, m.durationS());
        row.put(TOKENS_PER_SECOND, m.outputThroughputTokPerS());
        row.put(TOTAL_TOKENS_PER_SECOND, m.totalThroughputTokPerS());
        latency(m.latencies().get("ttft"), "ttft_", row);
        latency(m.latencies().get("e2e"), "e2e_latency_", row);
        SummaryFile.Latency tpot = m.latencies().get("tpot");
        row.put(TPOT_MS, tpot == null ? null : tpot.meanMs());
        SummaryFile.Energy e = s.energy();
        if (e != null) {
            row.put("energy_estimated", e.estimated());
            if (e.window() != null) {
                row.put("measured_start_s", e.window().startS());
                row.put("measured_end_s", e.window().endS());
                row.put("measured_duration_s", e.window().durationS());
            }
            row.put("baseline_power_w", e.idlePowerW());
            row.put("active_energy_raw_j", e.activeEnergyRawJ());
            row.put("dram_energy_j", e.dramEnergyJ());
            row.put("llm_energy_j", e.llmEnergyJ());
            row.put(TOTAL_ENERGY_J, e.totalEnergyJ());
            row.put(ACTIVE_ENERGY_J, e.activeEnergyJ());
            row.put(CPU_ENERGY_J, e.cpuEnergyJ());
            row.put(GPU_ENERGY_J, e.gpuEnergyJ());
            row.put(JOULES_PER_OUTPUT_TOKEN, e.joulesPerOutputToken());
            row.put(ACTIVE_JOULES_PER_OUTPUT_TOKEN, e.activeJoulesPerOutputToken());
        }
    }

    private static void latency(SummaryFile.Latency l, String prefix, Map<String, Object> row) {
        if (l != null) {
            row.put(prefix + "mean_ms", l.meanMs());
            row.put(prefix + "median_ms", l.medianMs());
            row.put(prefix + "p95_ms", l.p95Ms());
            row.put(prefix + "p99_ms", l.p99Ms());
        }
    }
}
