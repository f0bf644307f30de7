package io.lem.engines;

import java.util.List;

/**
 * {@code engine.type: sglang}: {@code python -m sglang.launch_server --model-path MODEL --host H --port P} plus the
 * study's {@code engine.sglang.*} flags ({@code engine.sglang.executable} is the Python, default {@code python}).
 * <p>Sources (sgl-project/sglang): {@code python/sglang/srt/server_args.py} ({@code ServerArgs.add_cli_args}) and
 * {@code docs/advanced_features/server_arguments.md}: kebab-case flags, booleans {@code store_true}
 * ({@code --enable-torch-compile}, {@code --disable-radix-cache}); {@code GET /health}; Prometheus metrics on
 * {@code /metrics} once {@code --enable-metrics} is given. B is {@code max_running_requests}; unset, SGLang sizes it
 * from the KV-cache memory at start-up, so lem reports it unknown (0).
 */
public final class SglangDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("sglang", "SGLang (sglang.launch_server)", "python",
            List.of("-m", "sglang.launch_server"), "--model-path", "--host", "--port", "/health", "/metrics",
            FlagStyle.SWITCH, List.of("max_running_requests"), 0,
            List.of("tp_size", "dp_size", "max_running_requests", "max_total_tokens", "chunked_prefill_size",
                    "max_prefill_tokens", "mem_fraction_static", "dtype", "kv_cache_dtype", "quantization",
                    "schedule_policy", "disable_radix_cache", "enable_torch_compile", "disable_cuda_graph",
                    "context_length", "enable_metrics", "page_size", "stream_interval"));

    public SglangDriver() {
        super(SPEC);
    }

    public SglangDriver(JavaCommand java) {
        super(SPEC, java);
    }
}
