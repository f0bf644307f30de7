package io.lem.engines;

import java.util.List;

/**
 * {@code engine.type: trtllm}: {@code trtllm-serve MODEL --host H --port P} plus the study's {@code engine.trtllm.*}
 * flags.
 * <p>Sources (NVIDIA/TensorRT-LLM): the trtllm-serve command reference ({@code docs/source/commands/trtllm-serve})
 * lists click options with underscores ({@code --max_batch_size}, {@code --max_num_tokens}, {@code --tp_size},
 * {@code --pp_size}, {@code --kv_cache_free_gpu_memory_fraction}, {@code --backend}); the server answers
 * {@code GET /health} and {@code GET /metrics} (per-iteration statistics as JSON, not Prometheus). B is
 * {@code max_batch_size}; its default differs between releases (and an engine built with trtllm-build fixes its
 * own), so unset it is reported unknown (0).
 */
public final class TrtllmDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("trtllm", "TensorRT-LLM (trtllm-serve)", "trtllm-serve",
            List.of(), null, "--host", "--port", "/health", "/metrics", FlagStyle.SNAKE, List.of("max_batch_size"), 0,
            List.of("backend", "max_batch_size", "max_num_tokens", "max_seq_len", "max_beam_width", "tp_size",
                    "pp_size", "ep_size", "kv_cache_free_gpu_memory_fraction", "trust_remote_code", "tokenizer",
                    "extra_llm_api_options"));

    public TrtllmDriver() {
        super(SPEC);
    }

    public TrtllmDriver(JavaCommand java) {
        super(SPEC, java);
    }
}
