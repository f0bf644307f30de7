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
 */
public record EngineConfig(String type, String preset, String model, String dtype, int parallel, int threads,
                           int ctxPerSlot, int batch, long seed) {
}
