package io.lem.result;

import static io.lem.result.JsonFiles.number;
import static io.lem.result.JsonFiles.numberMap;
import static io.lem.result.JsonFiles.string;
import static io.lem.result.JsonFiles.whole;
import static io.lem.result.ResultFields.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * lem load's summary.json: written from the map lem load builds, read back into a {@link SummaryFile}; the keys the
 * reader takes are named here, or in {@link ResultFields} where result.json has the same key with the same meaning.
 * Its JSON Schema is {@code io/lem/result/schema/summary.schema.json}.
 */
public final class SummaryJson extends JsonDocumentFormat<SummaryFile> {

    public static final String FILE = "summary.json";

    public static final String RUN = "run";
    public static final String PROMPTS = "prompts";
    public static final String ENGINE_METRICS = "engine_metrics";
    // run
    public static final String ENDPOINT = "endpoint";
    public static final String MODEL = "model";
    public static final String API = "api";
    public static final String STREAM = "stream";
    public static final String STARTED_AT = "started_at";
    public static final String ARRIVAL = "arrival";
    public static final String TYPE = "type";
    public static final String REQUESTS_SENT = "requests_sent";
    // metrics
    public static final String REQUESTS_OK = "requests_ok";
    public static final String REQUESTS_FAILED = "requests_failed";
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String REQUEST_THROUGHPUT_PER_S = "request_throughput_per_s";
    public static final String OUTPUT_THROUGHPUT_TOK_PER_S = "output_throughput_tok_per_s";
    public static final String TOTAL_THROUGHPUT_TOK_PER_S = "total_throughput_tok_per_s";
    public static final List<String> LATENCIES = List.of("ttft", "tpot", "itl", "e2e", "lateness");
    public static final String COUNT = "count";
    public static final String MEAN_MS = "mean_ms";
    public static final String MEDIAN_MS = "median_ms";
    public static final String P90_MS = "p90_ms";
    public static final String P95_MS = "p95_ms";
    public static final String P99_MS = "p99_ms";
    // energy
    public static final String BASELINE_WINDOW = "baseline_window";
    public static final String MEAN_POWER_W = "mean_power_w";
    public static final String IDLE_POWER_W = "idle_power_w";

    SummaryJson() {
        super("summary", FILE);
    }

    @Override
    public SummaryFile of(JsonNode json) {
        JsonNode r = json.path(RUN);
        JsonNode m = json.path(METRICS);
        JsonNode e = json.path(ENERGY);
        Map<String, SummaryFile.Latency> latencies = new LinkedHashMap<>();
        for (String name : LATENCIES) {
            JsonNode d = m.path(name);
            if (d.isObject()) {
                latencies.put(name, new SummaryFile.Latency(d.path(COUNT).asLong(0), number(d, MEAN_MS),
                        number(d, MEDIAN_MS), number(d, P90_MS), number(d, P95_MS), number(d, P99_MS)));
            }
        }
        SummaryFile.Energy energy = !e.isObject() ? null : new SummaryFile.Energy(ResultJson.window(e.path(WINDOW)),
                ResultJson.window(e.path(BASELINE_WINDOW)), number(e, DURATION_S), number(e, TOTAL_ENERGY_J),
                number(e, ACTIVE_ENERGY_J), number(e, ACTIVE_ENERGY_RAW_J), number(e, CPU_ENERGY_J),
                number(e, DRAM_ENERGY_J), number(e, GPU_ENERGY_J), number(e, LLM_ENERGY_J), number(e, MEAN_POWER_W),
                number(e, IDLE_POWER_W), whole(e, OUTPUT_TOKENS), number(e, JOULES_PER_OUTPUT_TOKEN),
                number(e, ACTIVE_JOULES_PER_OUTPUT_TOKEN), e.path(ESTIMATED).asBoolean(false),
                numberMap(e.path(ENERGY_J_BY_DOMAIN)), numberMap(e.path(ACTIVE_ENERGY_J_BY_DOMAIN)),
                JsonFiles.strings(e.path(TOTAL_DOMAIN_IDS)));
        return new SummaryFile(
                new SummaryFile.Run(string(r, ENDPOINT), string(r, MODEL), string(r, API),
                        r.path(STREAM).asBoolean(false), string(r, STARTED_AT), string(r.path(ARRIVAL), TYPE),
                        whole(r, REQUESTS_SENT)),
                new SummaryFile.Metrics(m.path(REQUESTS).asLong(0), m.path(REQUESTS_OK).asLong(0),
                        m.path(REQUESTS_FAILED).asLong(0), number(m, ERROR_RATE), number(m, DURATION_S),
                        whole(m, PROMPT_TOKENS), whole(m, OUTPUT_TOKENS), number(m, REQUEST_THROUGHPUT_PER_S),
                        number(m, OUTPUT_THROUGHPUT_TOK_PER_S), number(m, TOTAL_THROUGHPUT_TOK_PER_S), latencies),
                energy, VerificationSection.of(json));
    }
}
