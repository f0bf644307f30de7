package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineException;
import io.lem.engine.EngineLaunch;
import io.lem.engine.EngineProcess;
import io.lem.engine.PreparedModel;
import io.lem.plan.PlanOptions;
import io.lem.plan.StudyPlan;
import io.lem.plan.StudyPlanner;

/**
 * A vLLM-flavoured study against a stand-in {@code vllm} (issue 9's check): the study file goes through the planner,
 * the driver found by {@code engine.type} launches the stand-in exactly as it would launch vLLM, and what the
 * stand-in received is compared with the command line written out by hand from the study's keys.
 */
class VllmStandInTest {

    @TempDir
    Path tmp;

    @Test
    void theCommandLineMatchesTheStudysKeysAndThePassThroughKeyReachesIt() throws Exception {
        Path vllm = StandIns.executable(tmp, "vllm");
        ExperimentConfig config = point(vllm, """
                    max_num_seqs: 64
                    enable_prefix_caching: true
                    enforce_eager: false
                    dtype: float16
                    some_new_flag: x
                """);
        EngineDriver driver = EngineDrivers.discover().forExperiment(config);
        assertThat(driver).isInstanceOf(VllmDriver.class);
        assertThat(driver.batchLimit(config.engine())).isEqualTo(64);
        PreparedModel model = driver.prepare(config.engine(), line -> { });
        EngineLaunch launch = driver.launch(config.engine(), model, tmp.resolve("engine.log"));
        String port = Integer.toString(launch.baseUrl().getPort());
        List<String> expected = List.of(vllm.toString(), "serve", "facebook/opt-125m", "--host", "127.0.0.1",
                "--port", port, "--max-num-seqs", "64", "--enable-prefix-caching", "--no-enforce-eager", "--dtype",
                "float16", "--some-new-flag", "x");
        List<String> command = launch.command();
        assertThat(command.subList(command.indexOf("--") + 1, command.size())).isEqualTo(expected);

        ProcessHandle worker;
        ProcessHandle supervisor;
        try (EngineProcess engine = EngineProcess.start(launch)) {
            supervisor = ProcessHandle.of(engine.pid()).orElseThrow();
            engine.awaitHealthy(StandIns.HTTP, driver.healthPath(), Duration.ofSeconds(60));
            assertThat(StandIns.receivedArgv(engine, "vllm")).isEqualTo(expected.subList(1, expected.size()));
            String stream = StandIns.chat(launch.baseUrl(), model.servedName()).body();
            assertThat(stream.lines().filter(l -> l.contains("\"content\"")).count()).isEqualTo(3);
            assertThat(stream).contains("data: [DONE]");
            assertThat(StandIns.get(launch.baseUrl(), VllmDriver.SPEC.metricsPath()).body())
                    .contains("vllm:num_requests_running");
            worker = StandIns.worker(engine);
            assertThat(worker.isAlive()).isTrue();
        }
        assertThat(ProcessTree.awaitExit(List.of(worker, supervisor), Duration.ofSeconds(15))).isTrue();
    }

    @Test
    void anUnknownFlagMakesTheEngineExit2AndLemReportsItsOwnLastLines() throws Exception {
        Path vllm = StandIns.executable(tmp, "vllm");
        ExperimentConfig config = point(vllm, "    bogus_flag: 1\n");
        EngineDriver driver = EngineDrivers.discover().forExperiment(config);
        EngineLaunch launch = driver.launch(config.engine(), driver.prepare(config.engine(), l -> { }),
                tmp.resolve("engine.log"));
        try (EngineProcess engine = EngineProcess.start(launch)) {
            assertThatThrownBy(() -> engine.awaitHealthy(StandIns.HTTP, driver.healthPath(), Duration.ofSeconds(60)))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("exited with code 2")
                    .hasMessageContaining("vllm serve: error: unrecognized arguments: --bogus-flag")
                    .matches(e -> ((EngineException) e).userError(), "is a user error");
        }
    }

    /** The one point of a vLLM study whose engine section is {@code section} (indented by four spaces). */
    private ExperimentConfig point(Path executable, String section) throws Exception {
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, """
                study_name: vllm-stand-in
                engine:
                  type: vllm
                  model: facebook/opt-125m
                  vllm:
                    executable: %s
                %s""".formatted(executable, section));
        StudyPlan plan = StudyPlanner.plan(study, PlanOptions.defaults());
        assertThat(plan.points()).hasSize(1);
        return plan.point(1).config();
    }
}
