package io.lem.engines;

import java.util.List;

/**
 * {@code engine.type: vllm}: {@code vllm serve MODEL --host H --port P} plus the study's {@code engine.vllm.*} flags.
 * <p>Sources (vllm-project/vllm): the flags are the fields of vLLM's config dataclasses exposed by
 * {@code vllm/engine/arg_utils.py} ({@code EngineArgs.add_cli_args}), spelled in kebab case, booleans through
 * {@code BooleanOptionalAction} ({@code --enable-prefix-caching} / {@code --no-enable-prefix-caching}); the
 * OpenAI server answers {@code GET /health} and serves Prometheus metrics on {@code /metrics}
 * ({@code vllm:num_requests_running}, {@code vllm:num_requests_waiting}). B is {@code max_num_seqs}; unset, the
 * OpenAI server's default is 256 ({@code get_batch_defaults}: 1024 on GPUs with at least 70 GiB that are not
 * A100s, such as H100/H200, so set it explicitly there for a known B).
 */
public final class VllmDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("vllm", "vLLM (vllm serve)", "vllm", List.of("serve"),
            null, "--host", "--port", "/health", "/metrics", FlagStyle.VLLM, List.of("max_num_seqs"), 256,
            List.of("max_num_seqs", "max_num_batched_tokens", "tensor_parallel_size", "pipeline_parallel_size",
                    "data_parallel_size", "dtype", "quantization", "kv_cache_dtype", "enable_prefix_caching",
                    "enable_chunked_prefill", "gpu_memory_utilization", "block_size", "enforce_eager",
                    "max_model_len", "swap_space", "cpu_offload_gb", "seed", "served_model_name",
                    "trust_remote_code", "scheduling_policy", "disable_log_requests"));

    public VllmDriver() {
        super(SPEC);
    }

    public VllmDriver(JavaCommand java) {
        super(SPEC, java);
    }
}
