package io.lem.engines;

import java.util.List;

/**
 * {@code engine.type: tgi}: {@code text-generation-launcher --model-id MODEL --hostname H --port P} plus the study's
 * {@code engine.tgi.*} flags.
 * <p>Sources (huggingface/text-generation-inference): {@code launcher/src/main.rs} (clap {@code Args}) and
 * {@code docs/source/basic_tutorials/launcher.md}: kebab-case options, switches such as
 * {@code --disable-custom-kernels} bare; the router answers {@code GET /health} and serves Prometheus metrics on
 * {@code /metrics} ({@code tgi_batch_current_size}). B is {@code max_batch_size} when set, else
 * {@code max_concurrent_requests} (default 128, launcher.md).
 */
public final class TgiDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("tgi", "TGI (text-generation-launcher)",
            "text-generation-launcher", List.of(), "--model-id", "--hostname", "--port", "/health", "/metrics",
            FlagStyle.SWITCH, List.of("max_batch_size", "max_concurrent_requests"), 128,
            List.of("num_shard", "sharded", "quantize", "dtype", "kv_cache_dtype", "max_concurrent_requests",
                    "max_batch_size", "max_batch_prefill_tokens", "max_batch_total_tokens", "max_input_tokens",
                    "max_total_tokens", "waiting_served_ratio", "max_waiting_tokens", "cuda_memory_fraction",
                    "disable_custom_kernels", "trust_remote_code"));

    public TgiDriver() {
        super(SPEC);
    }

    public TgiDriver(JavaCommand java) {
        super(SPEC, java);
    }
}
