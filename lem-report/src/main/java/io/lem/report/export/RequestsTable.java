package io.lem.report.export;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lem.result.RequestEnergyRow;
import io.lem.result.RequestRow;
import io.lem.result.ResultFormats;

/**
 * One row per requests.jsonl row (warm-up and cool-down included, told apart by {@code portion}), with the
 * request's request_energy.jsonl figures beside it where it has them (measured OK requests of lem run).
 */
final class RequestsTable {

    static final String DESCRIPTION = "one row per request (requests.jsonl) with its attributed energy"
            + " (request_energy.jsonl)";

    private static final List<Column> COLUMNS = columns();

    private RequestsTable() {
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>(TidyTables.IDS);
        c.add(new Column("request_id", ColumnType.LONG));
        c.add(new Column("portion", ColumnType.STRING));
        c.add(new Column("status", ColumnType.STRING));
        c.add(new Column("http_status", ColumnType.LONG));
        for (String s : List.of("send_s", "first_token_s", "end_s", "scheduled_s", "lateness_ms")) {
            c.add(new Column(s, ColumnType.DOUBLE));
        }
        c.add(new Column("prompt_tokens", ColumnType.LONG));
        c.add(new Column("completion_tokens", ColumnType.LONG));
        c.add(new Column("tokens_approximate", ColumnType.BOOLEAN));
        c.add(new Column("chunks", ColumnType.LONG));
        c.add(new Column("reasoning_chunks", ColumnType.LONG));
        for (String s : List.of("ttft_ms", "tpot_ms", "e2e_ms")) {
            c.add(new Column(s, ColumnType.DOUBLE));
        }
        c.add(new Column("error", ColumnType.STRING));
        for (String s : List.of("window_energy_j", "ttft_window_energy_j", "decode_window_energy_j",
                "closure_error_j")) {
            c.add(new Column(s, ColumnType.DOUBLE));
        }
        c.add(new Column("ttft_window_below_sample_period", ColumnType.BOOLEAN));
        c.add(new Column("token_proportional_j", ColumnType.DOUBLE));
        c.add(new Column("time_sharing_j", ColumnType.DOUBLE));
        return List.copyOf(c);
    }

    static Table of(List<Run> runs) {
        Table.Builder rows = new Table.Builder(TidyTables.REQUESTS, DESCRIPTION, COLUMNS);
        for (Run run : runs) {
            if (!run.measured() || !Files.isRegularFile(ResultFormats.REQUESTS.in(run.dir()))) {
                continue;
            }
            Map<Long, RequestEnergyRow> energy = Files.isRegularFile(ResultFormats.REQUEST_ENERGY.in(run.dir()))
                    ? ResultFormats.REQUEST_ENERGY.readIn(run.dir()).stream()
                            .collect(Collectors.toMap(RequestEnergyRow::id, Function.identity(), (a, b) -> a))
                    : Map.of();
            for (RequestRow r : ResultFormats.REQUESTS.readIn(run.dir())) {
                Map<String, Object> row = run.ids();
                row.put("request_id", r.id());
                row.put("portion", r.schedule() != null ? r.schedule().portion()
                        : Boolean.TRUE.equals(r.warmup()) ? "warmup" : RequestRow.PORTION_MEASURED);
                row.put("status", r.status());
                row.put("http_status", r.httpStatus());
                row.put("send_s", r.sendS());
                row.put("first_token_s", r.firstTokenS());
                row.put("end_s", r.endS());
                row.put("scheduled_s", r.schedule() == null ? null : r.schedule().scheduledS());
                row.put("lateness_ms", r.schedule() == null ? null : r.schedule().latenessMs());
                row.put("prompt_tokens", r.promptTokens());
                row.put("completion_tokens", r.completionTokens());
                row.put("tokens_approximate", r.tokensApproximate());
                row.put("chunks", r.chunks());
                row.put("reasoning_chunks", r.reasoningChunks());
                row.put("ttft_ms", r.ttftMs());
                row.put("tpot_ms", r.tpotMs());
                row.put("e2e_ms", r.e2eMs());
                row.put("error", r.error());
                // request_energy.jsonl holds the measured OK requests only; warm-up rows reuse their ids
                RequestEnergyRow e = r.measured() && r.ok() ? energy.get(r.id()) : null;
                if (e != null) {
                    row.put("window_energy_j", e.windowEnergyJ());
                    row.put("ttft_window_energy_j", e.ttftWindowEnergyJ());
                    row.put("decode_window_energy_j", e.decodeWindowEnergyJ());
                    row.put("closure_error_j", e.closureErrorJ());
                    row.put("ttft_window_below_sample_period", e.ttftWindowBelowSamplePeriod());
                    row.put("token_proportional_j", e.tokenProportionalJ());
                    row.put("time_sharing_j", e.timeSharingJ());
                }
                rows.add(row);
            }
        }
        return rows.build();
    }
}
