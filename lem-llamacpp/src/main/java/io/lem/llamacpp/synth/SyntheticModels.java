package io.lem.llamacpp.synth;

import io.lem.llamacpp.gguf.GgufWriter;
import io.lem.llamacpp.gguf.TensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes llama-architecture GGUF models with random weights. The same preset, type and seed give a
 * byte-identical file, so a synthetic model is named by those three values alone.
 */
public final class SyntheticModels {
    /** Weight standard deviation: small enough that activations stay finite through every preset's depth. */
    static final double WEIGHT_STD = 0.02;
    /** Half-width of a uniform distribution with {@link #WEIGHT_STD}; uniform is much cheaper than Gaussian. */
    private static final double UNIFORM_HALF_WIDTH = WEIGHT_STD * Math.sqrt(3.0);

    private SyntheticModels() {
    }

    /** The first token id that is an ordinary text piece; lower ids are control, byte and chat-marker tokens. */
    public static int firstPieceTokenId() {
        return SyntheticVocab.FIRST_PIECE_ID;
    }

    public static Path write(ModelPreset preset, TensorType type, long seed, Path out) throws IOException {
        SyntheticVocab vocab = SyntheticVocab.build(preset.vocabSize());
        GgufWriter w = new GgufWriter();
        String arch = "llama";
        w.putString("general.architecture", arch)
                .putString("general.name", "lem-synthetic-" + preset.name())
                .putUint32("general.alignment", GgufWriter.ALIGNMENT)
                .putUint32("general.file_type", type.fileType())
                .putBool("lem.synthetic", true)
                .putString("lem.preset", preset.name())
                .putUint64("lem.seed", seed)
                .putUint32(arch + ".context_length", preset.contextLength())
                .putUint32(arch + ".embedding_length", preset.embeddingLength())
                .putUint32(arch + ".block_count", preset.blockCount())
                .putUint32(arch + ".feed_forward_length", preset.feedForwardLength())
                .putUint32(arch + ".attention.head_count", preset.headCount())
                .putUint32(arch + ".attention.head_count_kv", preset.headCountKv())
                .putFloat32(arch + ".attention.layer_norm_rms_epsilon", ModelPreset.RMS_NORM_EPS)
                .putUint32(arch + ".rope.dimension_count", preset.headDim())
                .putFloat32(arch + ".rope.freq_base", preset.ropeFreqBase())
                .putUint32(arch + ".vocab_size", preset.vocabSize())
                .putString("tokenizer.ggml.model", "llama")
                .putStringArray("tokenizer.ggml.tokens", vocab.tokens())
                .putFloat32Array("tokenizer.ggml.scores", vocab.scores())
                .putInt32Array("tokenizer.ggml.token_type", vocab.tokenTypes())
                .putUint32("tokenizer.ggml.unknown_token_id", SyntheticVocab.UNK_ID)
                .putUint32("tokenizer.ggml.bos_token_id", SyntheticVocab.BOS_ID)
                .putUint32("tokenizer.ggml.eos_token_id", SyntheticVocab.EOS_ID)
                .putBool("tokenizer.ggml.add_bos_token", true)
                .putBool("tokenizer.ggml.add_eos_token", false)
                .putString("tokenizer.chat_template", SyntheticVocab.CHAT_TEMPLATE);

        long d = preset.embeddingLength();
        long vocabSize = preset.vocabSize();
        Weights weights = new Weights(seed);
        w.addTensor("token_embd.weight", new long[] {d, vocabSize}, type, weights.next());
        for (int b = 0; b < preset.blockCount(); b++) {
            String p = "blk." + b + ".";
            long kv = preset.kvLength();
            long ff = preset.feedForwardLength();
            // Norm weights stay F32 (as in every real GGUF) and are 1 so the random matrices set the scale.
            w.addTensor(p + "attn_norm.weight", new long[] {d}, TensorType.F32, SyntheticModels::ones);
            w.addTensor(p + "attn_q.weight", new long[] {d, d}, type, weights.next());
            w.addTensor(p + "attn_k.weight", new long[] {d, kv}, type, weights.next());
            w.addTensor(p + "attn_v.weight", new long[] {d, kv}, type, weights.next());
            w.addTensor(p + "attn_output.weight", new long[] {d, d}, type, weights.next());
            w.addTensor(p + "ffn_norm.weight", new long[] {d}, TensorType.F32, SyntheticModels::ones);
            w.addTensor(p + "ffn_gate.weight", new long[] {d, ff}, type, weights.next());
            w.addTensor(p + "ffn_up.weight", new long[] {d, ff}, type, weights.next());
            w.addTensor(p + "ffn_down.weight", new long[] {ff, d}, type, weights.next());
        }
        w.addTensor("output_norm.weight", new long[] {d}, TensorType.F32, SyntheticModels::ones);
        if (!preset.tiedEmbeddings()) {
            w.addTensor("output.weight", new long[] {d, vocabSize}, type, weights.next());
        }
        return w.write(out);
    }

    private static void ones(float[] destination, int count) {
        Arrays.fill(destination, 0, count, 1f);
    }

    /** One independent random stream per tensor, split from the seed in a fixed order. */
    private static final class Weights {
        private final SplittableRandom root;

        Weights(long seed) {
            this.root = new SplittableRandom(seed);
        }

        GgufWriter.TensorSource next() {
            SplittableRandom random = root.split();
            return (destination, count) -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = (float) ((random.nextDouble() * 2 - 1) * UNIFORM_HALF_WIDTH);
                }
            };
        }
    }
}
