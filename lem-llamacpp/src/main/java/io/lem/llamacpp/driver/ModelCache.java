package io.lem.llamacpp.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;

/**
 * Resolves models for experiments: a given GGUF path is checked, a synthetic preset is written once into the cache
 * ({@code $LEM_CACHE/models}, else {@code $XDG_CACHE_HOME/lem/models}, else {@code ~/.cache/lem/models}) and reused:
 * the same preset, type and seed always give the same bytes.
 *
 * @param dir where synthetic models are written
 */
public record ModelCache(Path dir) {

    /** The cache directory named by the environment (see the class comment). */
    public static Path defaultDir(Map<String, String> env) {
        String lem = env.get("LEM_CACHE");
        if (lem != null && !lem.isBlank()) {
            return Path.of(lem, "models");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lem").resolve("models");
    }

    /** The GGUF file for this engine config, written first when it is a synthetic preset not yet in the cache. */
    public Path resolve(EngineConfig engine, Consumer<String> progress) throws IOException {
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
