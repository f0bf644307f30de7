package io.lem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import io.lem.study.ModelResolver;

/**
 * Resolves models for experiments: a given GGUF path is checked, a synthetic preset is written once into the cache
 * ({@code $LEM_CACHE}, else {@code $XDG_CACHE_HOME/lem}, else {@code ~/.cache/lem}) and reused: the same preset,
 * type and seed always give the same bytes.
 */
final class ModelCache implements ModelResolver {

    private final Path dir;
    private final Consumer<String> progress;

    ModelCache(Path dir, Consumer<String> progress) {
        this.dir = dir;
        this.progress = progress;
    }

    static Path defaultDir() {
        String lem = System.getenv("LEM_CACHE");
        if (lem != null && !lem.isBlank()) {
            return Path.of(lem, "models");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lem").resolve("models");
    }

    @Override
    public Path resolve(EngineConfig engine) throws IOException {
        if (engine.model() != null) {
            Path model = Path.of(engine.model());
            if (!Files.isRegularFile(model)) {
                throw new ConfigException("engine.model", "model file " + model.toAbsolutePath() + " does not exist; "
                        + "fix: give the path of a GGUF file, or use engine.preset for a synthetic model");
            }
            return model;
        }
        ModelPreset preset;
        try {
            preset = ModelPreset.byName(engine.preset());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("engine.preset", e.getMessage());
        }
        TensorType type = TensorType.parse(engine.dtype());
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%s-seed%d.gguf", preset.name(),
                engine.dtype().toLowerCase(Locale.ROOT), engine.seed()));
        if (!Files.isRegularFile(file)) {
            progress.accept(String.format(Locale.ROOT, "writing synthetic model %s (%,d parameters, %s) to %s",
                    preset.name(), preset.parameterCount(), engine.dtype(), file));
            Files.createDirectories(dir);
            SyntheticModels.write(preset, type, engine.seed(), file);
        }
        return file;
    }
}
