package io.lem.llamacpp.synth;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of a synthetic llama-architecture model (GQA attention, SwiGLU feed-forward).
 * Real presets copy the shapes of published models so compute and memory traffic per token match them.
 */
public record ModelPreset(String name, int embeddingLength, int blockCount, int headCount, int headCountKv,
                          int feedForwardLength, int vocabSize, int contextLength, float ropeFreqBase,
                          boolean tiedEmbeddings, String description) {

    public static final float RMS_NORM_EPS = 1e-5f;

    /** ~0.16M parameters: loads in milliseconds, for tests. */
    public static final ModelPreset TINY =
            new ModelPreset("tiny", 64, 2, 4, 2, 172, 512, 512, 10_000f, false, "test model");
    /** ~110M parameters, a llama2-style small model. */
    public static final ModelPreset SMALL =
            new ModelPreset("small", 768, 12, 12, 12, 2048, 32_000, 2048, 10_000f, true, "llama-shaped 110M");
    public static final ModelPreset QWEN2_5_0_5B =
            new ModelPreset("qwen2.5-0.5b", 896, 24, 14, 2, 4864, 151_936, 32_768, 1_000_000f, true,
                    "Qwen2.5-0.5B shapes (without q/k/v biases)");
    public static final ModelPreset LLAMA_3_2_1B =
            new ModelPreset("llama-3.2-1b", 2048, 16, 32, 8, 8192, 128_256, 131_072, 500_000f, true,
                    "Llama-3.2-1B shapes (without rope scaling)");

    public static final List<ModelPreset> ALL = List.of(TINY, SMALL, QWEN2_5_0_5B, LLAMA_3_2_1B);

    public ModelPreset {
        if (embeddingLength % headCount != 0) {
            throw new IllegalArgumentException("embedding length " + embeddingLength
                    + " is not a multiple of head count " + headCount);
        }
        if (headCount % headCountKv != 0) {
            throw new IllegalArgumentException("head count " + headCount
                    + " is not a multiple of KV head count " + headCountKv);
        }
    }

    /** Looks a preset up by name, case-insensitively. */
    public static ModelPreset byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model preset '" + name + "': valid presets are "
                        + ALL.stream().map(ModelPreset::name).collect(Collectors.joining(", "))));
    }

    public int headDim() {
        return embeddingLength / headCount;
    }

    public int kvLength() {
        return headDim() * headCountKv;
    }

    /** Weights per transformer block: attention (q, k, v, o), SwiGLU (gate, up, down) and two norms. */
    public long blockParameterCount() {
        long d = embeddingLength;
        long attention = d * d * 2 + d * kvLength() * 2L;
        long ffn = 3 * d * feedForwardLength;
        return attention + ffn + 2 * d;
    }

    public long parameterCount() {
        long embeddings = (long) vocabSize * embeddingLength;
        long output = tiedEmbeddings ? 0 : embeddings;
        return embeddings + output + blockCount * blockParameterCount() + embeddingLength;
    }
}
