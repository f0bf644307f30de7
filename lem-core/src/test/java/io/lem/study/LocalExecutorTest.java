package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.lem.Lem;
import io.lem.plan.StudyConfig;
import io.lem.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@link LocalExecutor}'s per-experiment timeout with a real child engine that stops answering ({@link HangingEngine})
 * and a request timeout far longer than the experiment's: the run is stopped, recorded as timed out, its raw files
 * kept and its engine gone, and the study goes on to the next point.
 */
class LocalExecutorTest {

    @TempDir
    Path tmp;

    @Test
    void anExperimentPastItsTimeoutIsStoppedAndRecordedAsTimedOut() throws Exception {
        StudyConfig config = StandInDriver.study(tmp, "stand-in.gguf", """
                study_name: slow
                engine: {model: %s}
                workload: {requests: 40, input_tokens: 8, max_output_tokens: 4, request_timeout_s: 600}
                measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}
                sweep: {engine.parallel: [1, 2]}
                execution: {experiment_timeout_s: 6}
                """);
        Path dir = tmp.resolve("study");

        StudyResult result = Lem.builder().engine(new StandInDriver()).build()
                .runStudy(config, dir);

        assertThat(result.outcomes()).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo("timed_out");
            assertThat(o.error()).isEqualTo("still running after 6 s (execution.experiment_timeout_s); lem stopped it");
            assertThat(o.dir().resolve("result.json")).doesNotExist();
            // the load was stopped: the warm-up and the answered requests, then the one hanging, not 40
            assertThat(EngineFailureTest.readJsonl(o.dir().resolve("requests.jsonl"))).hasSizeLessThan(10);
        });
        assertThat(result.state()).isEqualTo(StudyResult.FINISHED);
        JsonNode manifest = Json.compact().readTree(dir.resolve(StudyManifest.FILE).toFile());
        assertThat(manifest.path("runs")).allSatisfy(r -> assertThat(r.path("status").asString())
                .isEqualTo("timed_out"));
        JsonNode study = Json.compact().readTree(dir.resolve("study.json").toFile());
        assertThat(study.path("experiments")).allSatisfy(e -> assertThat(e.path("status").asString())
                .isEqualTo("failed"));
    }

    @Test
    void anInterruptStopsTheRunningUnitAndRecordsItAsInterrupted() throws Exception {
        StudyConfig config = StandInDriver.study(tmp, "stand-in.gguf", """
                study_name: ctrl-c
                engine: {model: %s}
                workload: {requests: 40, input_tokens: 8, max_output_tokens: 4, request_timeout_s: 600}
                measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}
                sweep: {engine.parallel: [1, 2]}
                """);
        Path dir = tmp.resolve("study");
        java.util.concurrent.CompletableFuture<StudyResult> result = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch measuring = new java.util.concurrent.CountDownLatch(1);
        Lem lem = Lem.builder().engine(new StandInDriver()).listener(new StudyListener() {
            @Override
            public void step(String description) {
                if (description.startsWith("measured:")) {
                    measuring.countDown();
                }
            }
        }).build();
        Thread study = Thread.ofPlatform().start(() -> {
            try {
                result.complete(lem.runStudy(config, dir));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        measuring.await(); // the engine hangs on the measured requests: only the interrupt ends this run
        study.interrupt(); // what lem run's Ctrl-C hook does

        StudyResult stopped = result.get();
        assertThat(stopped.state()).isEqualTo(StudyResult.INTERRUPTED);
        assertThat(stopped.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo("interrupted");
            assertThat(o.dir().resolve("result.json")).doesNotExist();
            assertThat(o.dir().resolve("requests.jsonl")).exists();
        });
        StudyManifest manifest = StudyManifest.read(dir);
        assertThat(manifest.state()).isEqualTo("interrupted");
        assertThat(manifest.runs()).extracting(StudyManifest.RunEntry::status)
                .containsExactly(RunStatus.INTERRUPTED, RunStatus.PENDING);
        JsonNode studyJson = Json.compact().readTree(dir.resolve("study.json").toFile());
        assertThat(studyJson.path("experiments").get(0).path("status").asString()).isEqualTo("interrupted");
        assertThat(studyJson.path("experiments").get(1).path("status").asString()).isEqualTo("pending");
    }
}
