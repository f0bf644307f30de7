package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.Lem;
import io.lem.plan.StudyConfig;
import io.lem.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An engine that stops answering fails its experiment: a real child process (the {@link HangingEngine} stand-in)
 * that stays healthy but sends no chunk is stopped after {@code workload.request_timeout_s}, and the study goes on.
 */
class EngineFailureTest {

    @TempDir
    Path tmp;

    @Test
    void anEngineThatStopsAnsweringIsStoppedAndItsExperimentFailed() throws Exception {
        StudyConfig study = StandInDriver.study(tmp, "stand-in.gguf", """
                study_name: hang
                engine: {model: %s}
                workload: {requests: 40, input_tokens: 8, max_output_tokens: 4, concurrency: 2, request_timeout_s: 1.5}
                measurement: {baseline_s: 0, baseline_after_s: 0, warmup_requests: 1, meters: [process]}
                experiments:
                  - {engine.parallel: 1}
                  - {engine.parallel: 2}
                """);
        List<String> steps = new ArrayList<>();
        Lem lem = Lem.builder().engine(new StandInDriver())
                .listener(new StudyListener() {
                    @Override
                    public void step(String description) {
                        steps.add(description);
                    }
                }).build();
        Path studyDir = tmp.resolve("study");

        StudyResult result = lem.runStudy(study, studyDir);

        assertThat(result.outcomes()).hasSize(2).allSatisfy(o -> assertThat(o.status()).isEqualTo("failed"));
        JsonNode studyJson = Json.compact().readTree(studyDir.resolve("study.json").toFile());
        for (JsonNode experiment : studyJson.path("experiments")) {
            assertThat(experiment.path("status").asString()).isEqualTo("failed");
            assertThat(experiment.path("error").asString()).matches("engine stopped answering during the measured "
                    + "load: no chunk on any of the [12] requests in flight for \\d+ s \\(workload.request_timeout_s\\); "
                    + "lem stopped it \\(killed by SIGTERM\\)");
            JsonNode exit = experiment.path("engine_exit");
            assertThat(exit.path("phase").asString()).isEqualTo("measured load");
            assertThat(exit.path("exit_code").asInt()).isEqualTo(143);
            assertThat(exit.path("signal").asString()).isEqualTo("SIGTERM");
            assertThat(exit.path("stalled_s").asDouble()).isGreaterThanOrEqualTo(1.5);
            assertThat(exit.path("engine_log_tail").toString()).contains("hanging on chat request");

            Path dir = studyDir.resolve(experiment.path("dir").asString());
            assertThat(dir.resolve("result.json")).doesNotExist();
            assertThat(dir.resolve("power.csv")).exists();
            assertThat(dir.resolve("engine.log")).exists();
            JsonNode failure = Json.compact().readTree(dir.resolve(FailureFile.NAME).toFile());
            assertThat(failure.path("error").asString()).isEqualTo(experiment.path("error").asString());
            // the warm-up and the one answered measured request, then the two that hung, and at most one more
            // round sent as their own timeouts (as long as the stall) ended them: not 38 timeouts
            List<JsonNode> rows = readJsonl(dir.resolve("requests.jsonl"));
            assertThat(rows).hasSizeBetween(HangingEngine.ANSWERED + 2, HangingEngine.ANSWERED + 2 * 2);
            assertThat(rows.stream().filter(r -> r.path("status").asString().equals("ok"))).hasSize(HangingEngine.ANSWERED);
        }
        assertThat(steps).anyMatch(s -> s.startsWith("experiment 2 failed: engine stopped answering"));
    }

    @Test
    void anEngineThatDiesWhilePromptsArePreparedFailsThatExperimentNotTheStudy() throws Exception {
        StudyConfig study = StandInDriver.study(tmp, HangingEngine.DIE_ON_TOKENIZE + ".gguf", """
                study_name: die
                engine: {model: %s}
                workload: {requests: 4, input_tokens: 8, max_output_tokens: 4}
                measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}
                experiments:
                  - {engine.parallel: 1}
                  - {engine.parallel: 2}
                """);
        Lem lem = Lem.builder().engine(new StandInDriver()).build();
        Path studyDir = tmp.resolve("study");

        StudyResult result = lem.runStudy(study, studyDir);

        assertThat(result.outcomes()).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo("failed");
            assertThat(o.error()).isEqualTo("engine exited with code 3 during the prompt preparation");
        });
    }

    @Test
    void anEngineWithoutTokenizeStillRunsAndTheResultSaysHowPromptsWereSized() throws Exception {
        StudyConfig study = StandInDriver.study(tmp, HangingEngine.NO_TOKENIZE + ".gguf", """
                study_name: notok
                engine: {model: %s}
                workload: {requests: 1, input_tokens: 8, max_output_tokens: 4}
                measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}
                """);
        Path studyDir = tmp.resolve("study");

        StudyResult result = Lem.builder().engine(new StandInDriver()).build()
                .runStudy(study, studyDir);

        assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("done"));
        JsonNode json = Json.compact().readTree(result.outcomes().getFirst().dir().resolve("result.json").toFile());
        assertThat(json.path("warnings").toString()).contains("the engine has no /tokenize");
    }

    static List<JsonNode> readJsonl(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> Json.compact().readTree(l)).toList();
    }
}
