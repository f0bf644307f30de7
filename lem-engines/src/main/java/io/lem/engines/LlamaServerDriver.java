package io.lem.engines;

import java.util.List;

/**
 * {@code engine.type: llama_server}: llama.cpp's {@code llama-server -m MODEL --host H --port P} plus the study's
 * {@code engine.llama_server.*} flags.
 * <p>Sources (ggml-org/llama.cpp): {@code tools/server/README.md} and {@code common/arg.cpp}: kebab-case options,
 * toggles in pairs ({@code --cont-batching}/{@code --no-cont-batching}); {@code GET /health}; Prometheus metrics
 * on {@code /metrics} with {@code --metrics} ({@code llamacpp:requests_processing}). B is its slot count
 * {@code parallel} ({@code -np}); unset, recent builds choose it automatically ({@code -1} = auto), so it is reported
 * unknown (0).
 */
public final class LlamaServerDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("llama_server", "llama.cpp (llama-server)", "llama-server",
            List.of(), "-m", "--host", "--port", "/health", "/metrics", FlagStyle.LLAMA, List.of("parallel"), 0,
            List.of("parallel", "ctx_size", "threads", "threads_batch", "batch_size", "ubatch_size", "n_gpu_layers",
                    "flash_attn", "cont_batching", "cache_type_k", "cache_type_v", "metrics", "mlock", "mmap",
                    "kv_unified", "alias", "seed"));

    public LlamaServerDriver() {
        super(SPEC);
    }

    public LlamaServerDriver(JavaCommand java) {
        super(SPEC, java);
    }
}
