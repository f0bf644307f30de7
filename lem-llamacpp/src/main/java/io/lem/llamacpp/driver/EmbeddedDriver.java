package io.lem.llamacpp.driver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.lem.analysis.flops.Architecture;
import io.lem.config.EngineConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineLaunch;
import io.lem.engine.PreparedModel;
import io.lem.llamacpp.gguf.GgufInfo;
import io.lem.llamacpp.gguf.GgufReader;
import io.lem.llamacpp.serve.ServeMain;
import io.lem.llamacpp.serve.ServeOptions;

/**
 * {@code engine.type: embedded}: {@code lem serve} (llama.cpp in-process, {@link ServeMain}) in a fresh JVM on lem's
 * class path, serving a GGUF file or a synthetic preset from the {@link ModelCache}. Its batch limit is its parallel
 * slots. Registered in {@code META-INF/services/io.lem.engine.EngineDriver}.
 */
public final class EmbeddedDriver implements EngineDriver {

    public static final String TYPE = "embedded";
    private static final List<String> KEYS = List.of("engine.preset", "engine.model", "engine.dtype",
            "engine.parallel", "engine.threads", "engine.ctx", "engine.batch", "engine.seed");

    private final ModelCache cache;
    private final EmbeddedEngine jvm;

    /** The cache the environment names, and this JVM's java and class path (how ServiceLoader makes it). */
    public EmbeddedDriver() {
        this(new ModelCache(ModelCache.defaultDir(System.getenv())), EmbeddedEngine.current(ServeMain.class.getName()));
    }

    public EmbeddedDriver(ModelCache cache, EmbeddedEngine jvm) {
        this.cache = cache;
        this.jvm = jvm;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) throws IOException {
        return PreparedModel.of(cache.resolve(engine, progress));
    }

    @Override
    public EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) throws IOException {
        int port = EmbeddedEngine.freePort();
        List<String> command = jvm.command(ServeMain.arguments(new ServeOptions(model.file(), ServeOptions.DEFAULT_HOST,
                port, engine.threads(), engine.parallel(), engine.ctxPerSlot(), engine.batch(), engine.seed())));
        return new EngineLaunch("lem-serve (llama.cpp b4916 via de.kherud:llama 4.2.0)", command,
                URI.create("http://127.0.0.1:" + port), logFile);
    }

    @Override
    public int batchLimit(EngineConfig engine) {
        return engine.parallel();
    }

    /** The shape from the metadata of the GGUF file it launches (the synthetic preset's or the user's). */
    @Override
    public Optional<Architecture> architecture(EngineConfig engine, PreparedModel model) throws IOException {
        GgufInfo info = GgufReader.read(model.file());
        return Optional.of(Architecture.fromGguf("gguf:" + model.file().getFileName(), info.scalars(),
                info.arrayLengths()));
    }
}
