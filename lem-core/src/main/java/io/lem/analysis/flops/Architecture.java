package io.lem.analysis.flops;

import java.util.List;

/**
 * The shape of a decoder-only transformer, as docs/methodology.md's FLOPs formula needs it: L layers, width d, h attention
 * heads, h_kv key/value heads, FFN width f, vocabulary V, and whether the FFN is gated (SwiGLU: gate, up and down
 * matrices) or not (up and down).
 *
 * <p>Built from GGUF metadata ({@link #fromGguf}) or a Hugging Face {@code config.json} ({@link HfConfig}); lem-core
 * reads neither file format's binary layout itself for GGUF: the caller passes the key/values its GGUF reader found
 * (lem-llamacpp's {@code GgufInfo.scalars()}), so the key semantics live here and the parser lives in one place.
 *
 * @param source      where the shape came from, e.g. {@code gguf:model.gguf} or {@code config.json:/path}
 * @param layers      L ({@code num_hidden_layers}, {@code <arch>.block_count})
 * @param hiddenSize  d ({@code hidden_size}, {@code <arch>.embedding_length})
 * @param heads       h ({@code num_attention_heads}, {@code <arch>.attention.head_count})
 * @param kvHeads     h_kv ({@code num_key_value_heads}, {@code <arch>.attention.head_count_kv})
 * @param ffnSize     f ({@code intermediate_size}, {@code <arch>.feed_forward_length})
 * @param vocabSize   V ({@code vocab_size}, the length of {@code tokenizer.ggml.tokens})
 * @param gated       a gated (three-matrix) FFN
 * @param tiedEmbeddings whether the output projection reuses the token embedding (only the parameter count
 *                    depends on it)
 * @param assumptions fields that were not in the source and took their format's documented default (each one
 *                    lowers the confidence from high to medium)
 */
public record Architecture(String source, int layers, int hiddenSize, int heads, int kvHeads, int ffnSize,
                           int vocabSize, boolean gated, boolean tiedEmbeddings, List<String> assumptions) {

    public Architecture {
        positive("layers", layers);
        positive("hidden_size", hiddenSize);
        positive("heads", heads);
        positive("kv_heads", kvHeads);
        positive("ffn_size", ffnSize);
        positive("vocab_size", vocabSize);
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + heads
                    + " heads");
        }
        assumptions = List.copyOf(assumptions);
    }

    /** d_h = d / h. */
    public int headDim() {
        return hiddenSize / heads;
    }

    /**
     * Weights per layer as docs/methodology.md counts them (norms left out, they do no matrix work):
     * d·d (Q) + 2·d·h_kv·d_h (K, V) + d·d (O) + (3 or 2)·d·f.
     */
    public double layerParameters() {
        double d = hiddenSize;
        return d * d + 2 * d * kvHeads * headDim() + d * d + (gated ? 3 : 2) * d * ffnSize;
    }

    /**
     * All weights: L·N_layer, the embedding V·d, the output projection V·d unless tied, and the norms (2·d per layer
     * and a final d). What is read per decode step and what the parameter-count tier would take as N.
     */
    public double parameterCount() {
        double embeddings = (double) vocabSize * hiddenSize;
        return layers * (layerParameters() + 2.0 * hiddenSize) + embeddings * (tiedEmbeddings ? 1 : 2) + hiddenSize;
    }

    /** K and V elements cached per token of context: 2·L·h_kv·d_h. */
    public double kvElementsPerToken() {
        return 2.0 * layers * kvHeads * headDim();
    }

    /** Architectures whose GGUF feed-forward is gated (llama.cpp gives them ffn_gate, ffn_up and ffn_down). */
    static final List<String> GATED_GGUF_ARCHITECTURES = List.of("llama", "mistral", "qwen2", "qwen3", "gemma",
            "gemma2", "gemma3", "phi3", "olmo", "olmo2", "granite", "deepseek", "internlm2", "exaone", "cohere2");

    /**
     * Reads the shape from GGUF metadata: {@code general.architecture}, then {@code <arch>.block_count},
     * {@code .embedding_length}, {@code .attention.head_count}, {@code .attention.head_count_kv} (GGUF omits it
     * when it equals the head count: llama.cpp's default), {@code .feed_forward_length}, and the vocabulary from
     * the length of {@code tokenizer.ggml.tokens} (else {@code <arch>.vocab_size}).
     *
     * @param scalars      the file's scalar key/values
     * @param arrayLengths the length of each array value
     * @throws MissingFieldException naming the first key that is absent
     */
    public static Architecture fromGguf(String source, java.util.Map<String, ?> scalars,
                                        java.util.Map<String, Long> arrayLengths) {
        Object archValue = scalars.get("general.architecture");
        if (!(archValue instanceof String arch)) {
            throw new MissingFieldException(source, "general.architecture");
        }
        List<String> assumed = new java.util.ArrayList<>();
        int layers = number(source, scalars, arch + ".block_count");
        int d = number(source, scalars, arch + ".embedding_length");
        int heads = number(source, scalars, arch + ".attention.head_count");
        int kvHeads;
        if (scalars.get(arch + ".attention.head_count_kv") instanceof Number n) {
            kvHeads = n.intValue();
        } else {
            kvHeads = heads;
            assumed.add(arch + ".attention.head_count_kv absent: equal to the head count (llama.cpp's default)");
        }
        int ffn = number(source, scalars, arch + ".feed_forward_length");
        Long tokens = arrayLengths.get("tokenizer.ggml.tokens");
        int vocab = tokens != null ? Math.toIntExact(tokens) : number(source, scalars, arch + ".vocab_size");
        boolean gated = GATED_GGUF_ARCHITECTURES.contains(arch);
        if (!gated) {
            assumed.add("architecture '" + arch + "' is not in lem's list of gated-FFN architectures: two FFN "
                    + "matrices assumed");
        }
        assumed.add("output projection assumed untied from the embedding (GGUF metadata does not say)");
        return new Architecture(source, layers, d, heads, kvHeads, ffn, vocab, gated, false, assumed);
    }

    private static int number(String source, java.util.Map<String, ?> scalars, String key) {
        if (scalars.get(key) instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        throw new MissingFieldException(source, key);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
