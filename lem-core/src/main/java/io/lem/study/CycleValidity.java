package io.lem.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.result.JsonFiles;
import io.lem.result.RequestRow;
import io.lem.result.ResultFields;
import io.lem.result.ResultFormats;
import io.lem.result.ResultJson;
import tools.jackson.databind.JsonNode;

/**
 * The data checks of one (point, cycle) run, read back from its result.json, requests.jsonl, request_energy.jsonl
 * and engine_metrics.csv (ML.ENERGY's checks plus lem's; docs/methodology.md "Validity"). Each failed check is a
 * reason code; a run with none is publishable.
 *
 * @param reasons      the failed checks' codes, in {@link #CODES} order
 * @param runningBatch the mean running batch over the steady state (measured window without one); null without a
 *                     batch limit
 * @param gpus         the GPU-only and whole-node J/output-token
 * @param requests     per-request energy both ways; null without request_energy.jsonl or a steady state
 */
record CycleValidity(List<String> reasons, RunningBatch runningBatch, GpuScope gpus,
                     RequestEnergyComparison requests) {

    static final String STEADY_STATE_SHORT = "steady_state_short";
    static final String BATCH_UNDERFILLED = "batch_underfilled";
    static final String POWER_OUT_OF_RANGE = "power_out_of_range";
    static final String FAILED_REQUESTS = "failed_requests";
    static final String BASELINE_INVALID = "baseline_invalid";
    static final String VERIFICATION_FAILED = "verification_failed";
    static final String ESTIMATED_ENERGY = "estimated_energy";
    static final List<String> CODES = List.of(STEADY_STATE_SHORT, BATCH_UNDERFILLED, POWER_OUT_OF_RANGE,
            FAILED_REQUESTS, BASELINE_INVALID, VERIFICATION_FAILED, ESTIMATED_ENERGY);

    /** ML.ENERGY's shortest stable steady state. */
    static final double MIN_STEADY_STATE_S = 30.0;
    /** ML.ENERGY's least mean running batch, as a fraction of B. */
    static final double MIN_BATCH_FILL = 0.85;

    /** @param batchLimit the engine's B for this point; 0 when it has none (then batch_underfilled is not checked) */
    static CycleValidity check(Path resultJson, int batchLimit) {
        try {
            return read(resultJson, batchLimit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CycleValidity read(Path resultJson, int batchLimit) throws IOException {
        Path dir = resultJson.getParent();
        JsonNode json = JsonFiles.readObject(resultJson);
        JsonNode energy = json.path(ResultFields.ENERGY);
        JsonNode steady = json.path(ResultFields.STEADY_STATE);
        JsonNode timeline = json.path("timeline");
        List<String> reasons = new ArrayList<>();
        Double steadyS = JsonFiles.number(steady, ResultFields.DURATION_S);
        if (steadyS == null || steadyS < MIN_STEADY_STATE_S) {
            reasons.add(STEADY_STATE_SHORT);
        }
        JsonNode window = timeline.path(ResultFields.STEADY_STATE).isObject() ? timeline.path(ResultFields.STEADY_STATE)
                : timeline.path("measured");
        List<RequestRow> rows = Files.isRegularFile(dir.resolve("requests.jsonl"))
                ? ResultFormats.REQUESTS.read(dir.resolve("requests.jsonl")).stream()
                        .filter(r -> !Boolean.TRUE.equals(r.warmup()) && (r.schedule() == null
                                || RequestRow.PORTION_MEASURED.equals(r.schedule().portion()))).toList()
                : List.of();
        RunningBatch batch = null;
        if (batchLimit > 0) {
            batch = RunningBatch.of(dir.resolve(LoadEngineMetrics.FILE), rows, num(window, "start_s"),
                    num(window, "end_s"), batchLimit);
            if (!(batch.meanRunning() >= MIN_BATCH_FILL * batchLimit)) {
                reasons.add(BATCH_UNDERFILLED);
            }
        }
        JsonNode methods = json.path("methods");
        List<String> gpuIds = JsonFiles.strings(methods.path("gpu_domain_ids"));
        double durationS = num(timeline.path("measured"), ResultFields.DURATION_S);
        double idleW = num(json.path(ResultFields.BASELINE), "power_w");
        double meanW = num(energy, "total_energy_j") / durationS;
        Map<String, Double> byDomain = JsonFiles.numberMap(energy.path("energy_j_by_domain"));
        Map<String, Object> config = JsonFiles.plain(json.path("experiment").path("config"));
        List<String> others = new ArrayList<>(JsonFiles.strings(methods.path("cpu_domain_ids")));
        others.addAll(JsonFiles.strings(methods.path("dram_domain_ids")));
        GpuScope scope = GpuScope.of(config, gpuIds, others, byDomain,
                num(json.path(ResultFields.METRICS), ResultFields.OUTPUT_TOKENS));
        if (!(meanW >= idleW) || gpuPowerAboveLimit(json, scope, byDomain, durationS)) {
            reasons.add(POWER_OUT_OF_RANGE);
        }
        if (json.path("requests").path("failed").asLong(0) > 0) {
            reasons.add(FAILED_REQUESTS);
        }
        if (JsonFiles.number(energy, ResultFields.ACTIVE_ENERGY_J) == null) {
            reasons.add(BASELINE_INVALID);
        }
        JsonNode verification = json.path("verification");
        if (verification.isObject() && !verification.path("passed").asBoolean(true)) {
            reasons.add(VERIFICATION_FAILED);
        }
        if (energy.path("estimated").asBoolean(false)) {
            reasons.add(ESTIMATED_ENERGY);
        }
        return new CycleValidity(List.copyOf(reasons), batch, scope, comparison(dir, json, rows, idleW));
    }

    /**
     * The counted GPUs' mean power above the sum of their power limits, where known: the limit lem applied
     * ({@code gpu_power_limit}, gpu.power_limit_w) when it set one, else the one the GPU had (environment.gpus).
     */
    private static boolean gpuPowerAboveLimit(JsonNode json, GpuScope scope, Map<String, Double> byDomain,
                                              double durationS) {
        double limitW = 0;
        for (String id : scope.counted()) {
            Double limit = null;
            for (JsonNode gpu : json.path("environment").path("gpus")) {
                if (id.equals(JsonFiles.string(gpu, "domain"))) {
                    limit = JsonFiles.number(gpu, "power_limit_w");
                }
            }
            for (JsonNode gpu : json.path(ResultFields.GPU_POWER_LIMIT).path("gpus")) {
                if (id.equals(JsonFiles.string(gpu, "domain")) && JsonFiles.number(gpu, "applied_w") != null) {
                    limit = JsonFiles.number(gpu, "applied_w");
                }
            }
            if (limit == null) {
                return false;
            }
            limitW += limit;
        }
        double gpuW = scope.counted().stream().mapToDouble(id -> byDomain.getOrDefault(id, 0.0)).sum() / durationS;
        return !scope.counted().isEmpty() && gpuW > limitW;
    }

    /**
     * ML.ENERGY's derived per-request energy needs a steady state: the batch-limit window (ML.ENERGY's own rule)
     * when result.json has one, its active energy as total − idle power × duration and its output tokens spread
     * evenly over each request's [first token, end]; else the closed-loop steady state's active J/output-token.
     */
    private static RequestEnergyComparison comparison(Path dir, JsonNode json, List<RequestRow> rows, double idleW) {
        Path file = dir.resolve("request_energy.jsonl");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode steady = json.path(ResultFields.STEADY_STATE);
        JsonNode limit = steady.path(ResultFields.BATCH_LIMIT_WINDOW);
        String rule;
        double jpt;
        if (limit.path("rule").isString() && JsonFiles.number(limit, ResultFields.TOTAL_ENERGY_J) != null) {
            double start = num(limit, "start_s");
            double end = num(limit, "end_s");
            double tokens = 0;
            for (RequestRow r : rows) {
                if (r.ok() && r.firstTokenS() != null && r.completionTokens() != null && r.endS() > r.firstTokenS()) {
                    double overlap = Math.min(r.endS(), end) - Math.max(r.firstTokenS(), start);
                    tokens += Math.max(0, overlap) / (r.endS() - r.firstTokenS()) * r.completionTokens();
                }
            }
            rule = "batch_limit_window: " + limit.path("rule").asString();
            jpt = (num(limit, ResultFields.TOTAL_ENERGY_J) - idleW * (end - start)) / tokens;
        } else {
            rule = "closed-loop steady state: " + steady.path("rule").asString("none");
            jpt = num(steady, ResultFields.ACTIVE_JOULES_PER_OUTPUT_TOKEN);
        }
        if (!Double.isFinite(jpt)) {
            return null;
        }
        return RequestEnergyComparison.of(rule, jpt, ResultFormats.REQUEST_ENERGY.read(file));
    }

    private static double num(JsonNode node, String field) {
        Double v = JsonFiles.number(node, field);
        return v == null ? Double.NaN : v;
    }
}
