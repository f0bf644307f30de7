package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.serve.ServeMain;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code lem serve} child killed with SIGKILL in the middle of an experiment's measured load: the load stops,
 * the experiment is failed with the signal and keeps its raw files, the next experiment runs, and {@code --resume}
 * runs the failed one again.
 */
class EngineKillTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REQUESTS = 60;
    private static final int CONCURRENCY = 2;

    @TempDir
    Path tmp;

    @Test
    void aKilledEngineFailsItsExperimentAndResumeRunsItAgain() throws Exception {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, tmp.resolve("tiny.gguf"));
        Path file = Files.writeString(tmp.resolve("kill.yaml"), """
                study_name: kill
                engine: {model: %s, threads: 1, ctx: 256, parallel: 2}
                workload: {requests: %d, input_tokens: 8, max_output_tokens: 32, concurrency: %d}
                measurement: {baseline_s: 0, baseline_after_s: 0, warmup_requests: 1, sample_rate_hz: 20}
                experiments:
                  - {workload.seed: 1}
                  - {workload.seed: 2}
                """.formatted(model, REQUESTS, CONCURRENCY));
        Path results = tmp.resolve("results");
        // kill -9 the first experiment's engine once it has answered the warm-up and three measured requests
        CompletableFuture<Integer> rowsAtExit = CompletableFuture.supplyAsync(() -> killEngineAfter(results, 4));

        RunCommandTest.Run run = RunCommandTest.lem("run", file.toString(), "--results", results.toString());

        int rowsWhenDead = rowsAtExit.get(1, TimeUnit.MINUTES);
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        Path studyDir = only(results, "kill_");
        JsonNode experiments = JSON.readTree(studyDir.resolve("study.json").toFile()).path("experiments");
        ResultSchemaCheck.matches("study", studyDir.resolve("study.json"));
        assertThat(io.lem.result.ResultFormats.STUDY.readIn(studyDir).experiments().getFirst().engineExit().signal())
                .isEqualTo("SIGKILL");
        JsonNode first = experiments.get(0);
        assertThat(first.path("status").asString()).isEqualTo("failed");
        assertThat(first.path("error").asString()).isEqualTo("engine killed by SIGKILL during the measured load");
        assertThat(first.path("engine_exit").path("exit_code").asInt()).isEqualTo(137);
        assertThat(first.path("engine_exit").path("signal").asString()).isEqualTo("SIGKILL");
        assertThat(first.path("engine_exit").path("engine_log_tail")).isNotEmpty();
        assertThat(experiments.get(1).path("status").asString()).as("the next experiment runs").isEqualTo("done");
        assertThat(run.err()).contains("experiment 1 failed: engine killed by SIGKILL during the measured load");

        Path failedDir = studyDir.resolve(first.path("dir").asString());
        assertThat(failedDir.resolve("result.json")).as("a failed experiment must not look finished").doesNotExist();
        for (String raw : List.of("requests.jsonl", "power.csv", "engine.log", "failure.json")) {
            assertThat(failedDir.resolve(raw)).exists();
        }
        // what was in flight at the kill is recorded as failed; nothing is sent to the dead port after it
        List<JsonNode> rows = Files.readAllLines(failedDir.resolve("requests.jsonl")).stream().map(JSON::readTree).toList();
        long failed = rows.stream().filter(r -> !r.path("status").asString().equals("ok")).count();
        assertThat(failed).isBetween(1L, (long) CONCURRENCY);
        // the load engine hands rows to its writer in batches (at most RecordHandoff's 20 ms late), so rows that
        // completed before the kill may land after rowsWhenDead was counted: the send times say what was sent when
        assertThat(rows).hasSizeLessThan(1 + REQUESTS);
        double firstFailureEndS = rows.stream().filter(r -> !r.path("status").asString().equals("ok"))
                .mapToDouble(r -> r.path("end_s").asDouble()).min().orElseThrow();
        assertThat(rows).as("no request goes out after the first one that met the dead engine")
                .allSatisfy(r -> assertThat(r.path("send_s").asDouble()).isLessThanOrEqualTo(firstFailureEndS));
        assertThat(rows.size()).as("rows at the kill: %d", rowsWhenDead).isGreaterThanOrEqualTo(rowsWhenDead);

        RunCommandTest.Run resumed = RunCommandTest.lem("run", file.toString(), "--resume", studyDir.toString());

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("experiment 1 failed before (engine killed by SIGKILL during the measured "
                + "load); running it again", "experiment 2: tiny-p2-c2 already measured");
        assertThat(failedDir.resolve("result.json")).exists();
        ResultSchemaCheck.matches("result", failedDir.resolve("result.json"));
        assertThat(JSON.readTree(studyDir.resolve("study.json").toFile()).path("experiments").get(0).path("status")
                .asString()).isEqualTo("done");
        Path movedAside = only(studyDir, failedDir.getFileName() + ".failed-");
        assertThat(Files.readAllLines(movedAside.resolve("requests.jsonl"))).hasSameSizeAs(rows);
        assertThat(movedAside.resolve("failure.json")).exists();
    }

    /**
     * The whole command line from /proc: {@code ProcessHandle.Info} cuts it at 4096 bytes on Linux, which a class
     * path of lem-cli's many jars exceeds before the main class is named.
     */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // exited meanwhile
        }
    }

    /**
     * Waits for {@code rows} lines in the first experiment's requests.jsonl, SIGKILLs the engine child, and returns
     * the lines once it is dead: requests that completed before the kill may still be landing as it is sent.
     */
    private static int killEngineAfter(Path results, int rows) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (System.nanoTime() < deadline) {
                Optional<Path> requests = firstExperimentRequests(results);
                int lines = requests.isPresent() && Files.exists(requests.get())
                        ? Files.readAllLines(requests.get()).size() : 0;
                if (lines >= rows) {
                    ProcessHandle engine = ProcessHandle.current().children()
                            .filter(p -> commandLine(p).contains(ServeMain.class.getName() + " --model ")).findFirst()
                            .orElseThrow();
                    engine.destroyForcibly();
                    engine.onExit().get(10, TimeUnit.SECONDS);
                    return Files.readAllLines(requests.get()).size();
                }
                Thread.sleep(5);
            }
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the first experiment never reached " + rows + " requests");
    }

    private static Optional<Path> firstExperimentRequests(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> studies = Files.list(results)) {
            Optional<Path> study = studies.findFirst();
            if (study.isEmpty()) {
                return Optional.empty();
            }
            try (Stream<Path> dirs = Files.list(study.get())) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("001-")).findFirst()
                        .map(d -> d.resolve("requests.jsonl"));
            }
        }
    }

    private static Path only(Path parent, String prefix) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            List<Path> matches = children.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(matches).as("one entry starting with " + prefix + " in " + parent).hasSize(1);
            return matches.getFirst();
        }
    }
}
