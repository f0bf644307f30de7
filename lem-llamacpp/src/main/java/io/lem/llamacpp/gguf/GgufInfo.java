package io.lem.llamacpp.gguf;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata of a GGUF file: scalar key/values as read, and the length of each array value.
 * The accessors give the architecture numbers lem needs (model info, FLOPs estimates).
 */
public record GgufInfo(Path path, int version, long tensorCount, Map<String, Object> scalars,
                       Map<String, Long> arrayLengths) {

    public GgufInfo {
        scalars = Map.copyOf(scalars);
        arrayLengths = Map.copyOf(arrayLengths);
    }

    public String architecture() {
        return string("general.architecture").orElse("unknown");
    }

    /** {@code general.name}, or the file name without extension. */
    public String name() {
        return string("general.name").orElseGet(() -> {
            String file = path.getFileName().toString();
            return file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
        });
    }

    public OptionalLong blockCount() {
        return archNumber("block_count");
    }

    public OptionalLong embeddingLength() {
        return archNumber("embedding_length");
    }

    public OptionalLong headCount() {
        return archNumber("attention.head_count");
    }

    /** KV heads; GGUF omits the key when it equals the head count. */
    public OptionalLong headCountKv() {
        OptionalLong kv = archNumber("attention.head_count_kv");
        return kv.isPresent() ? kv : headCount();
    }

    public OptionalLong feedForwardLength() {
        return archNumber("feed_forward_length");
    }

    public OptionalLong contextLength() {
        return archNumber("context_length");
    }

    /** Vocabulary size from the token list, else from {@code <arch>.vocab_size}. */
    public OptionalLong vocabSize() {
        Long tokens = arrayLengths.get("tokenizer.ggml.tokens");
        return tokens != null ? OptionalLong.of(tokens) : archNumber("vocab_size");
    }

    /** True for models written by lem's synthetic writer (random weights, byte-fallback vocabulary). */
    public boolean synthetic() {
        return Boolean.TRUE.equals(scalars.get("lem.synthetic"));
    }

    public Optional<String> string(String key) {
        return scalars.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public OptionalLong number(String key) {
        return scalars.get(key) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private OptionalLong archNumber(String suffix) {
        return number(architecture() + "." + suffix);
    }
}
