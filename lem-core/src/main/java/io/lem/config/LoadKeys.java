package io.lem.config;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The keys outside an experiment: {@code load.*} ({@code lem load} only), {@code power.*} ({@code lem power} only)
 * and {@code host.*} (this machine's interfaces). A key without a default (null) is unset unless given.
 */
final class LoadKeys {

    static final List<String> APIS = List.of("openai", "openai-completions", "ollama", "ollama-generate");

    private LoadKeys() {
    }

    static void addTo(BiConsumer<ConfigKey, Object> add) {
        add.accept(new ConfigKey.TextKey("load.endpoint", true, "the server's base URL, e.g. http://127.0.0.1:8000"), null);
        add.accept(new ConfigKey.TextKey("load.model", true, "the model name sent with each request"), null);
        add.accept(new ConfigKey.ChoiceKey("load.api", APIS, "the API the server speaks"), Defaults.LOAD_API);
        add.accept(new ConfigKey.TextKey("load.api_key", true, "sent as a Bearer token"), null);
        add.accept(new ConfigKey.TextKey("load.ca_file", true, "https: trust the certificates in this PEM or DER file "
                + "instead of the JDK's trust store (a self-signed server)"), null);
        add.accept(new ConfigKey.BoolKey("load.stream", "stream responses (TTFT and chunk times need it)"), true);
        add.accept(new ConfigKey.BoolKey("load.ignore_eos", "ask for exactly max_output_tokens (ignore_eos)"), true);
        add.accept(new ConfigKey.TextKey("load.prompts", true, "a prompt file: text, JSONL or ShareGPT JSON"), null);
        add.accept(new ConfigKey.ChoiceKey("load.prompts_format", List.of("auto", "text", "jsonl", "sharegpt"),
                "the prompt file's format"), Defaults.LOAD_PROMPTS_FORMAT);
        add.accept(new ConfigKey.TextKey("load.synthetic_input", true, "synthetic prompt lengths: N, uniform:MIN:MAX, "
                + "normal:MEAN:STD, lognormal:MEAN:STD"), null);
        add.accept(new ConfigKey.TextKey("load.synthetic_output", true, "synthetic output lengths, same forms"), null);
        add.accept(new ConfigKey.ChoiceKey("load.sampling", List.of("without-replacement", "with-replacement",
                "in-order"), "the order dataset prompts are drawn in"), Defaults.LOAD_SAMPLING);
        add.accept(new ConfigKey.TextKey("load.system_prompt", true, "a file whose text is the system prompt"), null);
        add.accept(new ConfigKey.TextListKey("load.inject", "NAME=FILE blocks appended to the system prompt"), List.of());
        add.accept(new ConfigKey.TextKey("load.context", true, "a file of conversation context put before each query"),
                null);
        add.accept(new ConfigKey.DoubleKey("load.rate", 0, 1e7, "open loop: requests/s on average"), null);
        add.accept(new ConfigKey.DoubleKey("load.burstiness", 0, 1e6, "open loop: gamma shape, 1 = Poisson"), null);
        add.accept(new ConfigKey.DoubleKey("load.ramp_up_s", 0, 86_400, "open loop: seconds to raise the rate from 0"), 0.0);
        add.accept(new ConfigKey.IntKey("load.max_concurrency", 0, 10_000_000, "open loop or trace: cap on requests in"
                + " flight; 0 = none"), 0L);
        add.accept(new ConfigKey.TextKey("load.trace", true, "a CSV or JSONL trace to replay"), null);
        add.accept(new ConfigKey.DoubleKey("load.duration_s", 0.001, 31_536_000, "stop sending after this many seconds"),
                null);
        add.accept(new ConfigKey.IntKey("load.cooldown_requests", 0, 10_000_000, "requests after the measured ones, "
                + "excluded"), 0L);
        add.accept(new ConfigKey.TextListKey("load.goodput", "SLOs for goodput, e.g. ttft:500,tpot:50"), List.of());
        add.accept(new ConfigKey.TextKey("load.metrics_url", true, "the engine's Prometheus metrics (default: "
                + "<endpoint>/metrics)"), null);
        add.accept(new ConfigKey.BoolKey("load.metrics", "scrape the engine's Prometheus metrics"), true);
        add.accept(new ConfigKey.DoubleKey("load.metrics_interval_s", 0.001, 3600, "seconds between metric scrapes"),
                Defaults.LOAD_METRICS_INTERVAL_S);
        add.accept(new ConfigKey.IntKey("load.engine_pid", 1, Integer.MAX_VALUE, "the local engine's pid (E_llm)"), null);
        add.accept(new ConfigKey.TextKey("load.output", true, "the directory for requests.jsonl and summary.json"), null);

        add.accept(new ConfigKey.DoubleKey("power.baseline_s", 0, 3600, "idle window before a measured command; 0 skips"
                + " it"), Defaults.POWER_MEASURE_BASELINE_S);
        add.accept(new ConfigKey.IntKey("power.port", 0, 65_535, "lem power serve's port on 127.0.0.1; 0 picks one"),
                (long) Defaults.POWER_SERVE_PORT);
        add.accept(new ConfigKey.DoubleKey("power.duration_s", 0.001, 31_536_000, "how long to log or serve"), null);
        add.accept(new ConfigKey.TextKey("power.output", true, "the CSV lem power log writes"), null);

        add.accept(new ConfigKey.TextKey("host.powercap_root", false, "the powercap sysfs root"), Defaults.POWERCAP_ROOT);
        add.accept(new ConfigKey.TextKey("host.proc_root", false, "the procfs root"), Defaults.PROC_ROOT);
    }
}
