package io.lem.llamacpp.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.config.ConfigSchema;
import io.lem.config.ExperimentConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineLaunch;
import io.lem.engine.EngineProcess;
import io.lem.engine.PreparedModel;
import io.lem.llamacpp.serve.ServeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded driver: found through ServiceLoader, writes and reuses synthetic models, launches a real lem serve. */
class EmbeddedDriverTest {

    /** Keys of lem-engines' drivers (managed engines and external endpoints), not of the embedded engine. */
    /** Keys of the managed and external drivers; engine.model_params too: the embedded engine reads its GGUF. */
    private static final java.util.Set<String> OTHER_DRIVERS = java.util.Set.of("engine.port", "engine.base_url",
            "engine.model_params");

    @TempDir
    Path tmp;

    @Test
    void isFoundOnTheClassPathAsEngineTypeEmbedded() {
        EngineDriver driver = EngineDrivers.discover().forType("embedded");
        assertThat(driver).isInstanceOf(EmbeddedDriver.class);
        assertThat(driver.keys()).allSatisfy(key -> assertThat(ConfigSchema.keys()).containsKey(key))
                .containsAll(ConfigSchema.keys().keySet().stream()
                        .filter(k -> k.startsWith("engine.") && !k.equals("engine.type") && !OTHER_DRIVERS.contains(k)
                                && !k.startsWith("engine.docker.")).toList());
    }

    @Test
    void writesASyntheticPresetOnceAndReusesIt() throws Exception {
        EmbeddedDriver driver = driver();
        ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny", "engine.seed", 7));
        List<String> progress = new ArrayList<>();

        PreparedModel first = driver.prepare(config.engine(), progress::add);
        PreparedModel again = driver.prepare(config.engine(), progress::add);

        assertThat(first.file()).isEqualTo(tmp.resolve("models/tiny-f16-seed7.gguf")).isRegularFile();
        assertThat(first.servedName()).isEqualTo("tiny-f16-seed7.gguf");
        assertThat(again).isEqualTo(first);
        assertThat(progress).singleElement().asString().startsWith("writing synthetic model tiny (");
    }

    @Test
    void aMissingModelFileOrPresetIsAConfigError() {
        EmbeddedDriver driver = driver();
        assertThatThrownBy(() -> driver.prepare(ExperimentConfig.resolve(1,
                Map.of("engine.model", tmp.resolve("nope.gguf").toString())).engine(), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("engine.model: model file ")
                .hasMessageContaining("does not exist; fix:");
        assertThatThrownBy(() -> driver.prepare(ExperimentConfig.resolve(1, Map.of("engine.preset", "huge")).engine(),
                s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("engine.preset: ");
    }

    @Test
    void theCacheFollowsTheEnvironment() {
        assertThat(ModelCache.defaultDir(Map.of("LEM_CACHE", "/c", "XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/c/models"));
        assertThat(ModelCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/x/lem/models"));
        assertThat(ModelCache.defaultDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "lem", "models"));
    }

    /** A real child JVM running lem-llamacpp's own serve entry point: no CLI class on its command line. */
    @Test
    void launchesLemServeFromThisModuleAndItBecomesHealthy() throws Exception {
        EmbeddedDriver driver = driver();
        ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny", "engine.threads", 1,
                "engine.parallel", 2, "engine.ctx", 128));
        PreparedModel model = driver.prepare(config.engine(), s -> { });

        EngineLaunch launch = driver.launch(config.engine(), model, tmp.resolve("engine.log"));

        assertThat(launch.command()).contains(ServeMain.class.getName()).noneMatch(arg -> arg.contains("io.lem.cli"))
                .containsSequence("--parallel", "2").containsSequence("--ctx", "128");
        assertThat(driver.batchLimit(config.engine())).isEqualTo(2);
        try (EngineProcess process = EngineProcess.start(launch)) {
            process.awaitHealthy(HttpClient.newHttpClient(), driver.healthPath(), Duration.ofMinutes(2));
        }
        assertThat(Files.readString(tmp.resolve("engine.log"))).contains("lem serve: ready on " + launch.baseUrl(),
                "slots=2 threads=1");
    }

    private EmbeddedDriver driver() {
        return new EmbeddedDriver(new ModelCache(tmp.resolve("models")), EmbeddedEngine.current(ServeMain.class.getName()));
    }
}
