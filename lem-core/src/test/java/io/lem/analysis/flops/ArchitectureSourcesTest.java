package io.lem.analysis.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading the shape from GGUF key/values and from a config.json, with the defaults each format documents. */
class ArchitectureSourcesTest {

    /** Llama-3.2-1B's published config.json fields (meta-llama/Llama-3.2-1B). */
    static final String LLAMA_3_2_1B = """
            {"architectures": ["LlamaForCausalLM"], "hidden_act": "silu", "hidden_size": 2048,
             "intermediate_size": 8192, "model_type": "llama", "num_attention_heads": 32,
             "num_hidden_layers": 16, "num_key_value_heads": 8, "tie_word_embeddings": true,
             "vocab_size": 128256, "torch_dtype": "bfloat16"}""";

    @Test
    void hfConfigWithEveryField() {
        Architecture a = HfConfig.parse("config.json", LLAMA_3_2_1B);
        assertEquals(16, a.layers());
        assertEquals(2048, a.hiddenSize());
        assertEquals(8, a.kvHeads());
        assertEquals(64, a.headDim());
        assertTrue(a.gated());
        assertTrue(a.tiedEmbeddings());
        assertTrue(a.assumptions().isEmpty());
        // Llama-3.2-1B is published as 1.24B parameters; computed out here:
        // layer: 2048² (Q) + 2·2048·8·64 (K,V) + 2048² (O) + 3·2048·8192 = 4194304+2097152+4194304+50331648
        double layer = 4_194_304 + 2_097_152 + 4_194_304 + 50_331_648;
        assertEquals(16 * (layer + 2 * 2048) + 128_256.0 * 2048 + 2048, a.parameterCount());
        assertEquals(1.2358, a.parameterCount() / 1e9, 1e-4);
    }

    @Test
    void hfConfigDefaultsAreRecorded() {
        Architecture a = HfConfig.parse("c", """
                {"model_type": "gpt_neox", "hidden_act": "gelu", "hidden_size": 64, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "intermediate_size": 256, "vocab_size": 100}""");
        assertEquals(4, a.kvHeads());
        assertFalse(a.gated());
        assertEquals(3, a.assumptions().size(), a.assumptions().toString());
    }

    @Test
    void hfConfigMissingFieldNamesIt() {
        MissingFieldException e = assertThrows(MissingFieldException.class,
                () -> HfConfig.parse("c", "{\"hidden_size\": 64, \"num_hidden_layers\": 2}"));
        assertEquals("num_attention_heads", e.key());
    }

    @Test
    void ggufKeys() {
        Map<String, Object> scalars = Map.of("general.architecture", "llama", "llama.block_count", 2L,
                "llama.embedding_length", 64L, "llama.attention.head_count", 4, "llama.attention.head_count_kv", 2,
                "llama.feed_forward_length", 172L);
        Architecture a = Architecture.fromGguf("gguf:tiny", scalars, Map.of("tokenizer.ggml.tokens", 512L));
        assertEquals(2, a.layers());
        assertEquals(2, a.kvHeads());
        assertEquals(512, a.vocabSize());
        assertTrue(a.gated());
        assertEquals(1, a.assumptions().size()); // tying is not in GGUF metadata

        Map<String, Object> noKv = new java.util.HashMap<>(scalars);
        noKv.remove("llama.attention.head_count_kv");
        assertEquals(4, Architecture.fromGguf("g", noKv, Map.of("tokenizer.ggml.tokens", 512L)).kvHeads());
        noKv.remove("llama.block_count");
        assertEquals("llama.block_count", assertThrows(MissingFieldException.class,
                () -> Architecture.fromGguf("g", noKv, Map.of())).key());
    }
}
