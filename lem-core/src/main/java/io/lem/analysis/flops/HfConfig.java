package io.lem.analysis.flops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an {@link Architecture} from a local Hugging Face {@code config.json} (transformers' {@code PretrainedConfig}
 * field names): {@code hidden_size}, {@code num_hidden_layers}, {@code num_attention_heads},
 * {@code num_key_value_heads}, {@code intermediate_size}, {@code vocab_size}, {@code hidden_act},
 * {@code model_type} and {@code tie_word_embeddings}.
 *
 * <p>Gating: a {@code model_type} whose transformers implementation has a gate projection (LlamaMLP and its copies)
 * is gated; any other model is gated when {@code hidden_act} is {@code silu}/{@code swish} (recorded as an
 * assumption) and ungated otherwise.
 */
public final class HfConfig {

    /** transformers model types whose MLP has gate_proj, up_proj and down_proj. */
    static final Set<String> GATED_MODEL_TYPES = Set.of("llama", "mistral", "mixtral", "qwen2", "qwen3", "qwen2_moe",
            "gemma", "gemma2", "gemma3_text", "phi3", "olmo", "olmo2", "granite", "cohere", "internlm2", "deepseek_v2",
            "starcoder2_gated", "smollm3");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HfConfig() {
    }

    public static Architecture read(Path file) throws IOException {
        return parse("config.json:" + file, Files.readString(file));
    }

    /** Parses the text of a config.json; {@code source} names it in messages and in the result. */
    public static Architecture parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        List<String> assumed = new ArrayList<>();
        int layers = required(source, root, "num_hidden_layers");
        int d = required(source, root, "hidden_size");
        int heads = required(source, root, "num_attention_heads");
        int kvHeads;
        if (root.path("num_key_value_heads").isNumber()) {
            kvHeads = root.get("num_key_value_heads").asInt();
        } else {
            kvHeads = heads;
            assumed.add("num_key_value_heads absent: equal to num_attention_heads (transformers' default)");
        }
        int ffn = required(source, root, "intermediate_size");
        int vocab = required(source, root, "vocab_size");
        String modelType = root.path("model_type").asString("").toLowerCase(Locale.ROOT);
        String act = root.path("hidden_act").asString("").toLowerCase(Locale.ROOT);
        boolean gated;
        if (GATED_MODEL_TYPES.contains(modelType)) {
            gated = true;
        } else {
            gated = act.equals("silu") || act.equals("swish");
            assumed.add("model_type '" + modelType + "' is not in lem's list: FFN taken as "
                    + (gated ? "gated (hidden_act " + act + ")" : "ungated (hidden_act '" + act + "')"));
        }
        boolean tied;
        if (root.path("tie_word_embeddings").isBoolean()) {
            tied = root.get("tie_word_embeddings").asBoolean();
        } else {
            tied = false;
            assumed.add("tie_word_embeddings absent: output projection taken as untied");
        }
        return new Architecture(source, layers, d, heads, kvHeads, ffn, vocab, gated, tied, assumed);
    }

    private static int required(String source, JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (!node.isNumber()) {
            throw new MissingFieldException(source, key);
        }
        return node.asInt();
    }
}
