package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sun.net.httpserver.HttpServer;

import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineLaunch;
import io.lem.engine.EngineProcess;
import io.lem.engine.PreparedModel;

/**
 * Each managed engine launched through its driver against a stand-in with that engine's flag parser, health path
 * and metrics path; the expected command lines are written out from each engine's documented syntax.
 */
class EngineFlavoursTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sglang       | max_running_requests=32,enable_metrics=true | -m sglang.launch_server --model-path M --host 127.0.0.1 --port PORT --max-running-requests 32 --enable-metrics | 32",
        "tgi          | max_concurrent_requests=64,disable_custom_kernels=true | --model-id M --hostname 127.0.0.1 --port PORT --max-concurrent-requests 64 --disable-custom-kernels | 64",
        "trtllm       | max_batch_size=16,tp_size=1,trust_remote_code=false | M --host 127.0.0.1 --port PORT --max_batch_size 16 --tp_size 1 | 16",
        "llama_server | parallel=4,cont_batching=false,metrics=true | -m M --host 127.0.0.1 --port PORT --parallel 4 --no-cont-batching --metrics | 4",
    })
    void launchesLikeTheEngine(String type, String keys, String argv, int batchLimit) throws Exception {
        Map<String, Object> study = new LinkedHashMap<>(Map.of("engine.type", type, "engine.model", "M"));
        study.put("engine." + type + ".executable", StandIns.executable(tmp, type).toString());
        for (String kv : keys.split(",")) {
            study.put("engine." + type + "." + kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        ExperimentConfig config = ExperimentConfig.resolve(1, study);
        EngineDriver driver = EngineDrivers.discover().forExperiment(config);
        assertThat(driver.batchLimit(config.engine())).isEqualTo(batchLimit);
        EngineLaunch launch = driver.launch(config.engine(), driver.prepare(config.engine(), l -> { }),
                tmp.resolve("engine.log"));
        List<String> expected = List.of(argv.replace("PORT", Integer.toString(launch.baseUrl().getPort())).split(" "));
        try (EngineProcess engine = EngineProcess.start(launch)) {
            engine.awaitHealthy(StandIns.HTTP, driver.healthPath(), Duration.ofSeconds(60));
            assertThat(StandIns.receivedArgv(engine, type)).isEqualTo(expected);
            assertThat(StandIns.get(launch.baseUrl(), ((ManagedDriver) driver).spec().metricsPath()).statusCode())
                    .isEqualTo(200);
            assertThat(StandIns.chat(launch.baseUrl(), "M").body()).contains("data: [DONE]");
        }
    }

    @Test
    void ollamaIsConfiguredThroughItsEnvironmentAndPullsTheModelBeforeTheStudy() throws Exception {
        Map<String, Object> study = new LinkedHashMap<>(Map.of("engine.type", "ollama", "engine.model", "qwen2.5:0.5b"));
        study.put("engine.ollama.executable", StandIns.executable(tmp, "ollama").toString());
        study.put("engine.ollama.num_parallel", 4);
        study.put("engine.ollama.max_loaded_models", 1);
        ExperimentConfig config = ExperimentConfig.resolve(1, study);
        OllamaDriver driver = (OllamaDriver) EngineDrivers.discover().forExperiment(config);
        assertThat(driver.batchLimit(config.engine())).isEqualTo(4);
        PreparedModel model = driver.prepare(config.engine(), l -> { });
        assertThat(model.servedName()).isEqualTo("qwen2.5:0.5b");
        EngineLaunch launch = driver.launch(config.engine(), model, tmp.resolve("engine.log"));
        int port = launch.baseUrl().getPort();
        assertThat(launch.command()).containsSequence("--env", "OLLAMA_HOST=127.0.0.1:" + port, "--env",
                "OLLAMA_NUM_PARALLEL=4", "--env", "OLLAMA_MAX_LOADED_MODELS=1", "--");
        try (EngineProcess engine = EngineProcess.start(launch)) {
            engine.awaitHealthy(StandIns.HTTP, driver.healthPath(), Duration.ofSeconds(60));
            assertThat(StandIns.receivedArgv(engine, "ollama")).containsExactly("serve");
            assertThat(String.join("\n", engine.logTail(20)))
                    .contains("OLLAMA_NUM_PARALLEL=4 OLLAMA_MAX_LOADED_MODELS=1");
        }
    }

    @Test
    void ollamaPullRunsAgainstAServerOfItsOwnOncePerModel() throws Exception {
        Path marker = tmp.resolve("pulled");
        Path script = StandIns.executable(tmp, "ollama");
        Files.writeString(script, Files.readString(script).replace("#!/bin/sh\n",
                "#!/bin/sh\nexport STAND_IN_PULLED='" + marker + "'\n"));
        ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.type", "ollama", "engine.model",
                "qwen2.5:0.5b", "engine.ollama.executable", script.toString()));
        OllamaDriver driver = new OllamaDriver();
        driver.prepare(config.engine(), l -> { });
        assertThat(Files.readString(marker)).isEqualTo("qwen2.5:0.5b");
        Files.delete(marker);
        driver.prepare(config.engine(), l -> { });
        assertThat(marker).doesNotExist();
    }

    @Test
    void anExternalEndpointIsHealthCheckedAndHasNoProcessOfItsOwn() throws Exception {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        endpoint.createContext("/v1/models", ex -> {
            byte[] body = "{\"data\":[{\"id\":\"m\"}]}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        endpoint.start();
        try {
            String url = "http://127.0.0.1:" + endpoint.getAddress().getPort();
            ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.type", "external",
                    "engine.base_url", url, "engine.model", "m"));
            EngineDriver driver = EngineDrivers.discover().forExperiment(config);
            EngineLaunch launch = driver.launch(config.engine(), driver.prepare(config.engine(), l -> { }),
                    tmp.resolve("engine.log"));
            assertThat(launch.baseUrl().toString()).isEqualTo(url);
            assertThat(launch.command()).endsWith("--hold", "--");
            ProcessHandle placeholder;
            try (EngineProcess engine = EngineProcess.start(launch)) {
                placeholder = ProcessHandle.of(engine.pid()).orElseThrow();
                engine.awaitHealthy(StandIns.HTTP, driver.healthPath(), Duration.ofSeconds(30));
                assertThat(driver.batchLimit(config.engine())).isZero();
            }
            assertThat(ProcessTree.awaitExit(List.of(placeholder), Duration.ofSeconds(15))).isTrue();
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void everyDriverIsFoundByItsType() {
        assertThat(EngineDrivers.discover().types()).contains("external", "vllm", "sglang", "tgi", "trtllm",
                "llama_server", "ollama");
    }
}
