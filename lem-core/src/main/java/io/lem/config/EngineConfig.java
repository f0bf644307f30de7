package io.lem.config;

/**
 * The engine of one experiment.
 *
 * @param type     engine kind; {@code embedded} is lem serve over in-process llama.cpp
 * @param preset   synthetic model preset, used when {@code model} is null
 * @param model    a GGUF file on disk, or null for the preset
 * @param dtype    weight type of a synthetic model
 * @param parallel parallel slots (continuous batching)
 * @param threads  CPU threads
 * @param ctxPerSlot context tokens per slot
 * @param batch    logical batch size
 * @param seed     seed of the synthetic weights and of sampling
 * @param options  every other {@code engine.*} key with its value, in schema order: the keys of other drivers
 *                 ({@code engine.port}, {@code engine.docker.image}) and a managed engine's pass-through section
 *                 ({@code engine.vllm.max_num_seqs}), which its driver reads
 */
public record EngineConfig(String type, String preset, String model, String dtype, int parallel, int threads,
                           int ctxPerSlot, int batch, long seed, java.util.SequencedMap<String, Object> options) {

    public EngineConfig {
        options = java.util.Collections.unmodifiableSequencedMap(new java.util.LinkedHashMap<>(options));
    }

    /** An engine of the embedded kind's keys only. */
    public EngineConfig(String type, String preset, String model, String dtype, int parallel, int threads,
                        int ctxPerSlot, int batch, long seed) {
        this(type, preset, model, dtype, parallel, threads, ctxPerSlot, batch, seed, new java.util.LinkedHashMap<>());
    }

    /** The value of an {@code engine.*} key held in {@link #options}, or null when it is not set. */
    public Object option(String key) {
        return options.get(key);
    }
}
