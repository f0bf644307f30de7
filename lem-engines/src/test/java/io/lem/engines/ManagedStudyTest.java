package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lem.Lem;
import io.lem.result.Json;
import tools.jackson.databind.JsonNode;
import io.lem.plan.StudyLoader;
import io.lem.study.StudyResult;

/** A whole experiment through lem's own study runner with a managed engine: the vLLM stand-in, found by type. */
class ManagedStudyTest {

    @TempDir
    Path tmp;

    @Test
    void aVllmExperimentRunsEndToEnd() throws Exception {
        // a study file as a user writes it: the engine's own section passes through to its command line
        String yaml = """
                study_name: vllm-stand-in
                engine:
                  type: vllm
                  model: facebook/opt-125m
                  vllm: {executable: %s, max_num_seqs: 4, some_new_flag: x}
                workload: {requests: 8, concurrency: 2, max_output_tokens: 3}
                measurement: {baseline_s: 0, warmup_requests: 0, meters: [process]}
                """.formatted(StandIns.executable(tmp, "vllm"));
        StudyResult result = Lem.builder().build().runStudy(StudyLoader.parse(yaml, "vllm.yaml", Map.of()),
                tmp.resolve("results"));
        StudyResult.Outcome outcome = result.outcomes().getFirst();
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo("done");
        assertThat(outcome.summary().requestsOk()).isEqualTo(8);
        assertThat(outcome.summary().outputTokens()).isEqualTo(24);
        assertThat(Files.readString(outcome.dir().resolve("engine.log")))
                .contains("stand-in vllm argv: serve facebook/opt-125m --host 127.0.0.1 --port ")
                .contains("--max-num-seqs 4 --some-new-flag x");
    }

    @Test
    void aHubModelWithAStatedParameterCountGetsParameterCountTierFlops() throws Exception {
        String yaml = """
                study_name: params
                engine:
                  type: vllm
                  model: facebook/opt-125m
                  model_params: 125000000
                  vllm: {executable: %s, max_num_seqs: 2}
                workload: {requests: 4, concurrency: 2, max_output_tokens: 3}
                measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}
                """.formatted(StandIns.executable(tmp, "vllm"));
        StudyResult result = Lem.builder().build().runStudy(StudyLoader.parse(yaml, "params.yaml", Map.of()),
                tmp.resolve("results"));
        Path dir = result.outcomes().getFirst().dir();
        JsonNode json = Json.compact().readTree(dir.resolve("result.json").toFile());
        JsonNode metrics = json.path("metrics");
        assertThat(metrics.path("flops_method").asString()).isEqualTo("parameter_count");
        assertThat(metrics.path("flops_confidence").asString()).isEqualTo("low");
        assertThat(json.path("methods").path("model_params").asLong()).isEqualTo(125_000_000L);
        assertThat(json.path("methods").path("architecture").isNull()).isTrue();
        // 2 N per token over the measured ok requests, read back from requests.jsonl
        long tokens = 0;
        for (String line : Files.readAllLines(dir.resolve("requests.jsonl"))) {
            JsonNode row = Json.compact().readTree(line);
            if (!row.path("warmup").asBoolean() && row.path("status").asString().equals("ok")) {
                tokens += row.path("prompt_tokens").asLong() + row.path("completion_tokens").asLong();
            }
        }
        assertThat(tokens).isPositive();
        assertThat(metrics.path("flops_total").asDouble()).isEqualTo(2.0 * 125_000_000L * tokens);
        assertThat(json.path("verification").path("passed").asBoolean()).isTrue();
    }

    @Test
    void aPortHeldByAnotherSocketFailsThatExperimentsPreflightAndTheNextOneRuns() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int held = squatter.getLocalPort();
            String yaml = """
                    study_name: preflight
                    engine:
                      type: vllm
                      model: facebook/opt-125m
                      vllm: {executable: %s, max_num_seqs: 2}
                    workload: {requests: 2, concurrency: 1, max_output_tokens: 2}
                    measurement: {baseline_s: 0, warmup_requests: 0, meters: [process]}
                    sweep:
                      engine.port: [%d, 0]
                    execution: {order: sequential}
                    """.formatted(StandIns.executable(tmp, "vllm"), held);
            // the real driver with a short preflight timeout, so the held port is given up on in a second
            ManagedDriver vllm = new ManagedDriver(VllmDriver.SPEC, JavaCommand.current(),
                    new Preflight.Options(Duration.ofSeconds(1), 512L << 20, Duration.ofMillis(100)));
            StudyResult result = Lem.builder().engine(vllm).build()
                    .runStudy(StudyLoader.parse(yaml, "preflight.yaml", Map.of()), tmp.resolve("results"));

            StudyResult.Outcome blocked = result.outcomes().get(0);
            assertThat(blocked.status()).isEqualTo("failed");
            assertThat(blocked.error()).startsWith("preflight failed: port " + held + " on 127.0.0.1 is still in use");
            assertThat(blocked.engineFailure().phase()).isEqualTo("preflight");
            assertThat(blocked.dir().resolve("engine.log")).as("no engine was launched").doesNotExist();
            StudyResult.Outcome next = result.outcomes().get(1);
            assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo("done");
            assertThat(next.summary().requestsOk()).isEqualTo(2);
        }
    }
}
