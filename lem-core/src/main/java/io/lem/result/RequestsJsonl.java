package io.lem.result;

import static io.lem.result.JsonFiles.number;
import static io.lem.result.JsonFiles.string;
import static io.lem.result.JsonFiles.whole;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * requests.jsonl, shared by {@code lem run} and {@code lem load}: one {@link RequestRow} per line, appended as requests
 * end. Every key of the row is named here.
 */
public final class RequestsJsonl extends NamedFormat<List<RequestRow>, List<RequestRow>> {

    public static final String FILE = "requests.jsonl";

    public static final String ID = "id";
    public static final String WARMUP = "warmup";
    public static final String PORTION = "portion";
    public static final String SCHEDULED_S = "scheduled_s";
    public static final String LATENESS_MS = "lateness_ms";
    public static final String STATUS = "status";
    public static final String HTTP_STATUS = "http_status";
    public static final String SEND_S = "send_s";
    public static final String FIRST_TOKEN_S = "first_token_s";
    public static final String END_S = "end_s";
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String COMPLETION_TOKENS = "completion_tokens";
    public static final String TOKENS_APPROXIMATE = "tokens_approximate";
    public static final String CHUNKS = "chunks";
    public static final String REASONING_CHUNKS = "reasoning_chunks";
    public static final String TTFT_MS = "ttft_ms";
    public static final String TPOT_MS = "tpot_ms";
    public static final String E2E_MS = "e2e_ms";
    public static final String CHUNK_MS = "chunk_ms";
    public static final String ENGINE = "engine";
    public static final String ERROR = "error";
    public static final String PROMPT_EVAL_COUNT = "prompt_eval_count";
    public static final String EVAL_COUNT = "eval_count";
    public static final String PROMPT_EVAL_DURATION_MS = "prompt_eval_duration_ms";
    public static final String EVAL_DURATION_MS = "eval_duration_ms";
    public static final String LOAD_DURATION_MS = "load_duration_ms";
    public static final String TOTAL_DURATION_MS = "total_duration_ms";

    RequestsJsonl() {
        super("requests", FILE);
    }

    /** The row as written: lem run's warm-up flag, or lem load's schedule, right after the id. */
    public static Map<String, Object> toJson(RequestRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ID, r.id());
        if (r.schedule() == null) {
            row.put(WARMUP, r.warmup());
        } else {
            row.put(PORTION, r.schedule().portion());
            row.put(SCHEDULED_S, r.schedule().scheduledS());
            row.put(LATENESS_MS, r.schedule().latenessMs());
        }
        row.put(STATUS, r.status());
        row.put(HTTP_STATUS, r.httpStatus());
        row.put(SEND_S, r.sendS());
        row.put(FIRST_TOKEN_S, r.firstTokenS());
        row.put(END_S, r.endS());
        row.put(PROMPT_TOKENS, r.promptTokens());
        row.put(COMPLETION_TOKENS, r.completionTokens());
        row.put(TOKENS_APPROXIMATE, r.tokensApproximate());
        row.put(CHUNKS, r.chunks());
        row.put(REASONING_CHUNKS, r.reasoningChunks());
        row.put(TTFT_MS, r.ttftMs());
        row.put(TPOT_MS, r.tpotMs());
        row.put(E2E_MS, r.e2eMs());
        row.put(CHUNK_MS, r.chunkMs());
        row.put(ENGINE, engineJson(r.engine()));
        row.put(ERROR, r.error());
        return row;
    }

    private static Map<String, Object> engineJson(RequestRow.EngineCounts e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(PROMPT_EVAL_COUNT, e.promptEvalCount());
        json.put(EVAL_COUNT, e.evalCount());
        json.put(PROMPT_EVAL_DURATION_MS, e.promptEvalDurationMs());
        json.put(EVAL_DURATION_MS, e.evalDurationMs());
        json.put(LOAD_DURATION_MS, e.loadDurationMs());
        json.put(TOTAL_DURATION_MS, e.totalDurationMs());
        return json;
    }

    public static RequestRow fromJson(JsonNode n) {
        RequestRow.Schedule schedule = n.has(PORTION) ? new RequestRow.Schedule(string(n, PORTION),
                number(n, SCHEDULED_S), number(n, LATENESS_MS)) : null;
        Boolean warmup = n.path(WARMUP).isBoolean() ? n.path(WARMUP).asBoolean() : null;
        JsonNode e = n.path(ENGINE);
        RequestRow.EngineCounts engine = e.isObject() ? new RequestRow.EngineCounts(whole(e, PROMPT_EVAL_COUNT),
                whole(e, EVAL_COUNT), number(e, PROMPT_EVAL_DURATION_MS), number(e, EVAL_DURATION_MS),
                number(e, LOAD_DURATION_MS), number(e, TOTAL_DURATION_MS)) : null;
        Long http = whole(n, HTTP_STATUS);
        return new RequestRow(n.path(ID).asLong(), warmup, schedule, string(n, STATUS),
                http == null ? null : http.intValue(), n.path(SEND_S).asDouble(Double.NaN), number(n, FIRST_TOKEN_S),
                n.path(END_S).asDouble(Double.NaN), whole(n, PROMPT_TOKENS), whole(n, COMPLETION_TOKENS),
                n.path(TOKENS_APPROXIMATE).asBoolean(false), n.path(CHUNKS).asLong(0),
                n.path(REASONING_CHUNKS).asLong(0), number(n, TTFT_MS), number(n, TPOT_MS),
                n.path(E2E_MS).asDouble(Double.NaN), JsonFiles.numbers(n.path(CHUNK_MS)), engine, string(n, ERROR));
    }

    @Override
    public void write(Path file, List<RequestRow> rows) throws IOException {
        JsonFiles.writeLines(file, rows.stream().map(RequestsJsonl::toJson).toList());
    }

    @Override
    public List<RequestRow> read(Path file) {
        return JsonFiles.readLines(file, RequestsJsonl::fromJson);
    }

    /** Appends rows as requests end, each line flushed (a crash loses nothing already written). */
    public static void append(JsonlWriter out, RequestRow row) {
        out.append(toJson(row));
    }
}
