package io.lem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** engine.type picks a driver by name; an unknown one, or a key its driver does not read, is a config error. */
class EngineDriversTest {

    private static final ExperimentConfig EMBEDDED = ExperimentConfig.resolve(1, Map.of("engine.model", "m.gguf"));

    @Test
    void anUnknownTypeNamesTheFieldTheValueAndTheKnownTypes() {
        EngineDrivers drivers = EngineDrivers.of(List.of(new Named("embedded", List.of()), new Named("vllm", List.of())));
        assertThatThrownBy(() -> drivers.forType("foo"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("engine.type: 'foo' is not a known engine type; fix: use one of [embedded, vllm]")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("engine.type");
    }

    @Test
    void withoutAnyDriverTheMessageSaysWhichModuleToAdd() {
        assertThatThrownBy(() -> EngineDrivers.of(List.of()).forExperiment(EMBEDDED))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("engine.type: 'embedded' is not a known engine type: no engine driver is on "
                        + "the class path; fix: add lem-llamacpp");
    }

    @Test
    void aDriverGivenInCodeReplacesTheOneOfItsType() {
        Named found = new Named("embedded", List.of("engine.model"));
        Named standIn = new Named("embedded", List.of("engine.model"));
        EngineDrivers drivers = EngineDrivers.of(List.of(found)).with(standIn);
        assertThat(drivers.forExperiment(EMBEDDED)).isSameAs(standIn);
        assertThat(drivers.types()).containsExactly("embedded");
    }

    @Test
    void anEngineKeyTheDriverDoesNotReadIsAnErrorUnlessItHasItsDefault() {
        EngineDrivers drivers = EngineDrivers.of(List.of(new Named("embedded", List.of("engine.model"))));
        assertThat(drivers.forExperiment(EMBEDDED).type()).isEqualTo("embedded");
        ExperimentConfig withSlots = ExperimentConfig.resolve(1, Map.of("engine.model", "m.gguf", "engine.parallel", 4));
        assertThatThrownBy(() -> drivers.forExperiment(withSlots))
                .isInstanceOf(ConfigException.class)
                .hasMessage("engine.parallel: engine.type embedded does not read this key; fix: remove it, or use one "
                        + "of [engine.model]");
    }

    @Test
    void theCoreAloneHasNoDriver() {
        assertThat(EngineDrivers.discover().types()).isEmpty();
    }

    private record Named(String type, List<String> keys) implements EngineDriver {
        @Override
        public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) {
            return PreparedModel.of(Path.of(engine.model()));
        }

        @Override
        public EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) {
            return new EngineLaunch(type, List.of("true"), URI.create("http://127.0.0.1:1"), logFile);
        }

        @Override
        public int batchLimit(EngineConfig engine) {
            return 1;
        }
    }
}
