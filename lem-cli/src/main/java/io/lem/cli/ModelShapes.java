package io.lem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lem.analysis.estimate.ModelShape;
import io.lem.analysis.flops.Architecture;
import io.lem.analysis.flops.HfConfig;
import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.llamacpp.gguf.GgufInfo;
import io.lem.llamacpp.gguf.GgufReader;
import io.lem.llamacpp.synth.ModelPreset;

/**
 * Fills core's {@link ModelShape} from what lem-llamacpp knows (GGUF metadata, synthetic presets) or a Hugging Face
 * config.json: lem-core must not import lem-llamacpp, so this adapter lives at the edge.
 */
final class ModelShapes {

    /** llama.cpp caches K and V as F16 by default. */
    static final double KV_BYTES = 2;

    private ModelShapes() {
    }

    static ModelShape of(EngineConfig engine, Path modelConfig) throws IOException {
        if (modelConfig != null) {
            return fromFile("--model-config", modelConfig);
        }
        if (engine.model() != null) {
            return fromFile("engine.model", Path.of(engine.model()));
        }
        ModelPreset p;
        try {
            p = ModelPreset.byName(engine.preset());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("engine.preset", e.getMessage());
        }
        Architecture a = new Architecture("preset:" + p.name(), p.blockCount(), p.embeddingLength(), p.headCount(),
                p.headCountKv(), p.feedForwardLength(), p.vocabSize(), true, p.tiedEmbeddings(), List.of());
        int bytes = "f32".equalsIgnoreCase(engine.dtype()) ? 4 : 2;
        return new ModelShape(a, (double) p.parameterCount() * bytes, KV_BYTES, List.of("weights: " + p.parameterCount()
                + " parameters × " + bytes + " B (" + engine.dtype() + "); KV cache F16 (llama.cpp's default)"));
    }

    private static ModelShape fromFile(String field, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(field, file + " does not exist; fix: give a GGUF file or a config.json");
        }
        if (GgufReader.hasMagic(file)) {
            GgufInfo info = GgufReader.read(file);
            Architecture a = Architecture.fromGguf("gguf:" + file.getFileName(), info.scalars(), info.arrayLengths());
            return new ModelShape(a, Files.size(file), KV_BYTES, List.of("weights: the GGUF file's size ("
                    + Files.size(file) + " B) taken as the bytes read per decode step; KV cache F16"));
        }
        Architecture a = HfConfig.read(file);
        return new ModelShape(a, a.parameterCount() * 2, KV_BYTES, List.of("weights: " + Math.round(a.parameterCount())
                + " parameters × 2 B (16-bit weights assumed for a config.json); KV cache 16-bit"));
    }
}
