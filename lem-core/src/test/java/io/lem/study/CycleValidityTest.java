package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.result.Json;
import io.lem.result.JsonFiles;
import io.lem.result.RequestEnergyRow;
import io.lem.result.RequestRow;
import io.lem.result.ResultFormats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-run data checks on result directories built from the golden result.json, each figure worked out by hand.
 * The golden run has a 2 s steady state, 14 J over a 4 s measured window (3.5 W) against a 1.5 W baseline, no failed
 * request, active energy 8 J, counters only.
 */
class CycleValidityTest {

    @TempDir
    Path dir;

    private Map<String, Object> json;

    @BeforeEach
    void golden() throws IOException {
        try (InputStream in = CycleValidityTest.class.getResourceAsStream("/golden/result.json")) {
            json = JsonFiles.plain(Json.compact().readTree(in));
        }
    }

    /** A 40 s steady state over [2, 42] that is also the measured window, with 200 J in it (5 W). */
    private void longSteadyState() {
        map(json, "steady_state").put("duration_s", 40.0);
        map(map(json, "timeline"), "steady_state").putAll(Map.of("start_s", 2.0, "end_s", 42.0, "duration_s", 40.0));
        map(map(json, "timeline"), "measured").putAll(Map.of("start_s", 2.0, "end_s", 42.0, "duration_s", 40.0));
        map(json, "energy").put("total_energy_j", 200.0);
    }

    private CycleValidity check(int batchLimit) throws IOException {
        ResultFormats.RESULT.write(dir.resolve("result.json"), json);
        return CycleValidity.check(dir.resolve("result.json"), batchLimit);
    }

    private static RequestRow request(long id, boolean warmup, double sendS, double firstS, double endS,
                                      long tokens) {
        return new RequestRow(id, warmup, null, "ok", null, sendS, firstS, endS, 41L, tokens, false, tokens, 0,
                (firstS - sendS) * 1000, 50.0, (endS - sendS) * 1000, List.of(), null, null);
    }

    /** Two requests in flight throughout [2, 42]: 1 over it, then 2 and 3 one after the other; a warm-up ignored. */
    private void twoInFlight() throws IOException {
        ResultFormats.REQUESTS.write(dir.resolve("requests.jsonl"), List.of(request(0, true, 0, 0.5, 2, 16),
                request(1, false, 2, 3, 42, 40), request(2, false, 2, 10, 22, 25), request(3, false, 22, 23, 42, 25)));
    }

    @Test
    void theGoldenRunFailsOnlyTheSteadyStateAndBatchChecks() throws IOException {
        CycleValidity v = check(1);
        // no requests.jsonl: nothing in flight by request overlap, 0 < 0.85 · 1
        assertThat(v.reasons()).containsExactly("steady_state_short", "batch_underfilled");
        assertThat(v.runningBatch().source()).isEqualTo("request_overlap");
        assertThat(v.runningBatch().meanRunning()).isZero();
        assertThat(v.requests()).isNull();
        // no GPU domain: GPU-only is NaN, the node is cpu 12 J + dram 2 J over 64 output tokens
        assertThat(v.gpus().gpuJPerOutputToken()).isNaN();
        assertThat(v.gpus().nodeJPerOutputToken()).isCloseTo(14.0 / 64, within(1e-12));
    }

    @Test
    void aLongFullSteadyStateIsPublishable() throws IOException {
        longSteadyState();
        twoInFlight();
        CycleValidity v = check(2);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.runningBatch().meanRunning()).isCloseTo(2.0, within(1e-12));
        // the same requests against B = 3: mean 2 < 0.85 · 3 = 2.55
        assertThat(check(3).reasons()).containsExactly("batch_underfilled");
    }

    @Test
    void theRunningBatchIsCappedAtTheBatchLimitAndEngineMetricsWinWhenPresent() throws IOException {
        // three in flight over [0, 10], then one over [10, 20]: min(3, 2) · 10 + 1 · 10 over 20 s = 1.5
        List<RequestRow> rows = List.of(request(1, false, 0, 1, 20, 10), request(2, false, 0, 1, 10, 10),
                request(3, false, 0, 1, 10, 10));
        assertThat(RunningBatch.overlap(rows, 0, 20, 2)).isCloseTo(1.5, within(1e-12));
        // clipped to [5, 15]: 2 · 5 + 1 · 5 over 10 s
        assertThat(RunningBatch.overlap(rows, 5, 15, 2)).isCloseTo(1.5, within(1e-12));
        Path csv = Files.writeString(dir.resolve("engine_metrics.csv"), """
                time_s,series,value
                1.0,vllm:num_requests_running,4
                2.0,vllm:num_requests_waiting,9
                3.0,vllm:num_requests_running,2
                99.0,vllm:num_requests_running,100
                """);
        RunningBatch gauge = RunningBatch.of(csv, rows, 0, 20, 2);
        assertThat(gauge.source()).isEqualTo("engine_metrics");
        assertThat(gauge.meanRunning()).isCloseTo(3.0, within(1e-12));
    }

    /**
     * A real vLLM labels its gauge ({@code model_name}, and {@code engine} per engine with data parallelism), so a
     * series holds a comma and is written quoted: the running batch at a scrape is the sum over the gauge's series.
     */
    @Test
    void aLabelledVllmGaugeIsSummedOverItsSeriesAtEachScrape() throws IOException {
        List<RequestRow> rows = List.of(request(1, false, 0, 1, 20, 10));
        Path csv = Files.writeString(dir.resolve("engine_metrics.csv"), """
                time_s,series,value
                1.0,"vllm:num_requests_running{engine=""0"",model_name=""Qwen/Qwen3-0.6B""}",3
                1.0,"vllm:num_requests_running{engine=""1"",model_name=""Qwen/Qwen3-0.6B""}",2
                1.0,"vllm:num_requests_waiting{engine=""0"",model_name=""Qwen/Qwen3-0.6B""}",9
                2.0,"vllm:num_requests_running{engine=""0"",model_name=""Qwen/Qwen3-0.6B""}",4
                2.0,"vllm:num_requests_running{engine=""1"",model_name=""Qwen/Qwen3-0.6B""}",1
                3.0,vllm:num_requests_running{model_name="Qwen/Qwen3-0.6B"},2
                """);
        RunningBatch gauge = RunningBatch.of(csv, rows, 0, 20, 8);
        assertThat(gauge.source()).isEqualTo("engine_metrics");
        // scrapes at 1, 2 and 3 s: (3 + 2), (4 + 1) and 2 running
        assertThat(gauge.meanRunning()).isCloseTo((5 + 5 + 2) / 3.0, within(1e-12));
    }

    @Test
    void eachOtherCheckHasItsReasonCode() throws IOException {
        longSteadyState();
        twoInFlight();
        map(json, "requests").put("failed", 1);
        map(json, "energy").put("active_energy_j", null);
        map(json, "energy").put("estimated", true);
        json.put("verification", new LinkedHashMap<>(Map.of("passed", false)));
        map(json, "energy").put("total_energy_j", 40.0); // 1 W < 1.5 W idle
        assertThat(check(2).reasons()).containsExactly("power_out_of_range", "failed_requests", "baseline_invalid",
                "verification_failed", "estimated_energy");
    }

    @Test
    void onlyTheEnginesGpusCountAndTheirPowerLimitBoundsThem() throws IOException {
        longSteadyState();
        twoInFlight();
        Map<String, Object> methods = map(json, "methods");
        methods.put("gpu_domain_ids", List.of("gpu2", "gpu0", "gpu1", "gpu10"));
        Map<String, Object> energy = map(json, "energy");
        energy.put("energy_j_by_domain", new LinkedHashMap<>(Map.of("cpu-package0", 12.0, "dram0", 2.0,
                "gpu0", 8000.0, "gpu1", 6000.0, "gpu2", 100.0, "gpu10", 100.0)));
        energy.put("total_energy_j", 14214.0);
        map(map(json, "experiment"), "config").put("engine.vllm.tensor_parallel_size", 2);
        json.put("environment", new LinkedHashMap<>(Map.of("gpus", List.of(
                Map.of("domain", "gpu0", "power_limit_w", 200.0), Map.of("domain", "gpu1", "power_limit_w", 200.0)))));
        CycleValidity v = check(2);
        assertThat(v.gpus().counted()).containsExactly("gpu0", "gpu1");
        assertThat(v.gpus().idle()).containsExactly("gpu2", "gpu10");
        assertThat(v.gpus().gpuJPerOutputToken()).isCloseTo(14000.0 / 64, within(1e-9));
        assertThat(v.gpus().nodeJPerOutputToken()).isCloseTo(14014.0 / 64, within(1e-9));
        // 14000 J over 40 s = 350 W on gpu0 + gpu1, inside their 400 W
        assertThat(v.reasons()).isEmpty();
        json.put("environment", new LinkedHashMap<>(Map.of("gpus", List.of(
                Map.of("domain", "gpu0", "power_limit_w", 150.0), Map.of("domain", "gpu1", "power_limit_w", 150.0)))));
        assertThat(check(2).reasons()).containsExactly("power_out_of_range");
        // gpu.power_limit_w lowered the limits lem read before it set them: 350 W is now above 2 · 150 W
        json.put("environment", new LinkedHashMap<>(Map.of("gpus", List.of(
                Map.of("domain", "gpu0", "power_limit_w", 700.0), Map.of("domain", "gpu1", "power_limit_w", 700.0)))));
        json.put("gpu_power_limit", Map.of("requested_w", 150.0, "gpus", List.of(
                Map.of("domain", "gpu0", "applied_w", 150.0), Map.of("domain", "gpu1", "applied_w", 150.0))));
        assertThat(check(2).reasons()).containsExactly("power_out_of_range");
        json.put("gpu_power_limit", Map.of("requested_w", 200.0, "gpus", List.of(
                Map.of("domain", "gpu0", "applied_w", 200.0), Map.of("domain", "gpu1", "applied_w", 200.0))));
        assertThat(check(2).reasons()).isEmpty();
    }

    @Test
    void perRequestEnergyFromTheClosedLoopSteadyState() throws IOException {
        longSteadyState();
        twoInFlight();
        map(json, "steady_state").put("active_joules_per_output_token", 0.125);
        ResultFormats.REQUEST_ENERGY.write(dir.resolve("request_energy.jsonl"), List.of(energy(1, 32, 4.0),
                energy(2, 32, 5.0)));
        RequestEnergyComparison c = check(2).requests();
        assertThat(c.steadyRule()).startsWith("closed-loop steady state: ");
        // derived 0.125 · 32 = 4 J each: |4 − 4| and |4 − 5|
        assertThat(c.requests()).isEqualTo(2);
        assertThat(c.meanDerivedJ()).isCloseTo(4.0, within(1e-12));
        assertThat(c.meanTimeSharingJ()).isCloseTo(4.5, within(1e-12));
        assertThat(c.meanAbsoluteDifferenceJ()).isCloseTo(0.5, within(1e-12));
        assertThat(c.meanRelativeDifference()).isCloseTo((0 + 1 / 5.0) / 2, within(1e-12));
    }

    @Test
    void perRequestEnergyFromTheBatchLimitWindowWhenItApplies() throws IOException {
        longSteadyState();
        twoInFlight();
        map(map(json, "steady_state"), "batch_limit_window").putAll(Map.of("rule", "from 2 to 1 first tokens",
                "start_s", 10.0, "end_s", 20.0, "duration_s", 10.0, "total_energy_j", 50.0));
        ResultFormats.REQUEST_ENERGY.write(dir.resolve("request_energy.jsonl"), List.of(energy(1, 40, 30.0)));
        RequestEnergyComparison c = check(2).requests();
        // active 50 − 1.5 W · 10 s = 35 J; tokens in [10, 20], each request's spread evenly over [first token, end]:
        // request 1 10/39 of its 40, request 2 10/12 of its 25, request 3 (from 23) none
        double tokens = 10.0 / 39 * 40 + 10.0 / 12 * 25;
        assertThat(c.steadyRule()).isEqualTo("batch_limit_window: from 2 to 1 first tokens");
        assertThat(c.steadyJPerOutputToken()).isCloseTo(35 / tokens, within(1e-12));
        assertThat(c.meanDerivedJ()).isCloseTo(35 / tokens * 40, within(1e-12));
        assertThat(c.meanAbsoluteDifferenceJ()).isCloseTo(Math.abs(35 / tokens * 40 - 30), within(1e-12));
    }

    private static RequestEnergyRow energy(long id, long tokens, double timeSharingJ) {
        return new RequestEnergyRow(id, 41L, tokens, 1.0, 0.5, 0.5, 0.0, false, 1.0, timeSharingJ);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) parent.get(key));
        parent.put(key, copy);
        return copy;
    }
}
