package io.lem.study;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.lem.config.EngineConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineLaunch;
import io.lem.engine.PreparedModel;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;

/**
 * A driver of type {@code embedded} that launches {@link HangingEngine} in a child JVM on the test class path and
 * serves the file named in {@code engine.model} as is: how a test puts a stand-in engine behind a study.
 */
record StandInDriver(List<String> keys) implements EngineDriver {

    StandInDriver() {
        this(List.of("engine.model", "engine.parallel"));
    }

    /**
     * The study {@code yaml} over a stand-in model file {@code model} written under {@code dir} (its name is what
     * {@link HangingEngine} acts on); the one {@code %s} in {@code yaml} is that file's path.
     */
    static StudyConfig study(Path dir, String model, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve(model), "not read by the stand-in");
        return StudyLoader.parse(yaml.formatted(file), model + ".yaml", Map.of());
    }

    @Override
    public String type() {
        return "embedded";
    }

    @Override
    public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) {
        return PreparedModel.of(Path.of(engine.model()));
    }

    @Override
    public EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) throws IOException {
        int port = EmbeddedEngine.freePort();
        return new EngineLaunch("stand-in", EmbeddedEngine.current(HangingEngine.class.getName())
                .command(List.of("--model", model.file().toString(), "--port", Integer.toString(port))),
                URI.create("http://127.0.0.1:" + port), logFile);
    }

    @Override
    public int batchLimit(EngineConfig engine) {
        return engine.parallel();
    }
}
