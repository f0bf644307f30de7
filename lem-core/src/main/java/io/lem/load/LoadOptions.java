package io.lem.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.client.ClientOptions;
import io.lem.client.TlsTrust;
import io.lem.config.ConfigException;
import io.lem.config.Settings;
import io.lem.load.prompts.Sampling;

/**
 * Everything one {@code lem load} run needs, resolved from the keys of {@link Settings#LOAD} (flags, {@code --set}
 * and {@link #builder()} all give keys). {@code workload.requests} counts measured requests, as in a study: the
 * {@code measurement.warmup_requests} warm-up and {@code load.cooldown_requests} cool-down requests come on top
 * (a replayed trace is measured whole unless a warm-up is given: its warm-up and cool-down are rows of it).
 *
 * @param trust     which certificates an https endpoint may present (load.ca_file, else the JDK's trust store)
 * @param arrival   closed loop (workload.concurrency), open loop (load.rate) or a replayed trace (load.trace)
 * @param shape     the stop, warm-up, cool-down, ramp-up and concurrency cap
 * @param goodput   SLO specs such as {@code ttft:500}
 * @param energy    the meters, or none ({@link Energy#on()} false) unless measurement.meters was given
 * @param settings  every key with the value used, for summary.json
 */
public record LoadOptions(ClientOptions client, TlsTrust trust, String api, LoadPrompts prompts, ArrivalProcess arrival,
                          Path traceFile, LoadShape shape, int maxOutputTokens, long seed, List<String> goodput,
                          Metrics metrics, Energy energy, Path output, Map<String, Object> settings) {

    /** The engine's Prometheus metrics: {@code url} null means the endpoint's own /metrics, tried by default. */
    public record Metrics(boolean enabled, URI url, Duration interval) {
    }

    /**
     * {@code lem load --meters}: energy around the load; {@code enginePid} negative when none is known; the roots
     * of this machine's powercap sysfs and procfs ({@code host.*}).
     */
    public record Energy(List<String> meters, long enginePid, double baselineS, double sampleRateHz,
                         Path powercapRoot, Path procRoot) {
        public boolean on() {
            return !meters.isEmpty();
        }
    }

    public LoadOptions {
        goodput = List.copyOf(goodput);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run's options from resolved keys; inconsistent combinations throw {@link ConfigException}. */
    public static LoadOptions from(Settings s) throws IOException {
        URI endpoint = uri(s, "load.endpoint", "--endpoint", "e.g. http://127.0.0.1:8000");
        String model = required(s, "load.model", "--model", "the model name the server serves");
        Path output = Path.of(required(s, "load.output", "--output", "the directory to write to"));
        double timeoutS = s.decimal("workload.request_timeout_s");
        ClientOptions client = new ClientOptions(endpoint, model, s.text("load.api_key"),
                Duration.ofMillis(Math.round(timeoutS * 1000)), s.bool("load.stream"), s.bool("load.ignore_eos"));
        Map<String, Path> inject = new LinkedHashMap<>();
        for (String block : s.list("load.inject")) {
            int eq = block.indexOf('=');
            if (eq < 1) {
                throw new ConfigException("--inject", "'" + block + "' is not NAME=FILE; fix: e.g. --inject tools=tools.md");
            }
            inject.put(block.substring(0, eq), Path.of(block.substring(eq + 1)));
        }
        if (s.given("load.prompts") && s.given("load.synthetic_input")) {
            throw new ConfigException("--prompts", "and --synthetic-input are mutually exclusive; fix: give one of them");
        }
        LoadPrompts prompts = new LoadPrompts(path(s, "load.prompts"), s.text("load.prompts_format"),
                s.text("load.synthetic_input"), s.text("load.synthetic_output"), sampling(s.text("load.sampling")),
                path(s, "load.system_prompt"), inject, path(s, "load.context"));
        Path trace = path(s, "load.trace");
        ArrivalProcess arrival = arrival(s, trace);
        LoadShape shape = shape(s, arrival);
        Metrics metrics = metrics(s);
        List<String> meters = s.given("measurement.meters") ? s.list("measurement.meters") : List.of();
        Integer pid = s.integer("load.engine_pid");
        Energy energy = new Energy(meters, pid == null ? -1 : pid, s.decimal("measurement.baseline_s"),
                s.decimal("measurement.sample_rate_hz"), Path.of(s.text("host.powercap_root")),
                Path.of(s.text("host.proc_root")));
        Path caFile = path(s, "load.ca_file");
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new ConfigException("--ca-file", "'" + caFile + "' cannot be read; fix: give the PEM or DER file of "
                    + "the server's certificate (or its CA)");
        }
        return new LoadOptions(client, new TlsTrust(caFile), s.text("load.api"), prompts, arrival, trace, shape,
                s.integer("workload.max_output_tokens"), s.whole("workload.seed"), s.list("load.goodput"), metrics,
                energy, output, s.values());
    }

    private static ArrivalProcess arrival(Settings s, Path trace) throws IOException {
        boolean closed = s.given("workload.concurrency");
        boolean open = s.given("load.rate");
        if ((closed ? 1 : 0) + (open ? 1 : 0) + (trace != null ? 1 : 0) > 1) {
            throw new ConfigException("--concurrency", "--rate and --trace are mutually exclusive; fix: give one");
        }
        String kind = closed ? "--concurrency" : "--trace";
        if (!open && (s.given("load.burstiness") || s.given("load.ramp_up_s"))) {
            throw new ConfigException(s.given("load.burstiness") ? "--burstiness" : "--ramp-up", "applies to open-loop"
                    + " runs only; fix: use it with --rate instead of " + kind);
        }
        if (closed && s.integer("load.max_concurrency") != 0) {
            throw new ConfigException("--max-concurrency", "caps open-loop runs only; fix: use it with --rate or "
                    + "--trace, or raise --concurrency");
        }
        if (trace != null) {
            if (!Files.isRegularFile(trace)) {
                throw new ConfigException("--trace", "no such file: " + trace + "; fix: give a CSV or JSONL trace");
            }
            return TraceFile.read(trace);
        }
        if (open) {
            double rate = s.decimal("load.rate");
            Double b = s.decimal("load.burstiness");
            return b == null || b == 1 ? new ArrivalProcess.Poisson(rate) : new ArrivalProcess.Gamma(rate, b);
        }
        if (!closed) {
            throw new ConfigException("--concurrency", "a run needs an arrival; fix: give --concurrency N (closed loop),"
                    + " --rate R (open loop) or --trace FILE");
        }
        return new ArrivalProcess.Closed(s.integer("workload.concurrency"));
    }

    private static LoadShape shape(Settings s, ArrivalProcess process) {
        // a replayed trace is the workload itself: it is measured whole unless a warm-up is asked for
        int warmup = process instanceof ArrivalProcess.TraceReplay && !s.given("measurement.warmup_requests") ? 0
                : s.integer("measurement.warmup_requests");
        int cooldown = s.integer("load.cooldown_requests");
        boolean byCount = s.given("workload.requests");
        if (byCount && s.given("load.duration_s")) {
            throw new ConfigException("--requests", "and --duration are mutually exclusive; fix: give one of them");
        }
        Extent stopAt;
        if (process instanceof ArrivalProcess.TraceReplay trace && !byCount && !s.given("load.duration_s")) {
            int rows = trace.rows().size();
            if (warmup + cooldown >= rows) {
                throw new ConfigException(cooldown > 0 ? "--cooldown-requests" : "--warmup-requests", warmup + " warm-up and " + cooldown
                        + " cool-down requests leave none of the trace's " + rows + " rows to measure; fix: lower "
                        + "--warmup-requests/--cooldown-requests");
            }
            stopAt = new Extent.Requests(rows);
        } else if (byCount) {
            stopAt = new Extent.Requests(warmup + s.integer("workload.requests") + cooldown);
        } else if (s.given("load.duration_s")) {
            if (cooldown > 0) {
                throw new ConfigException("--cooldown-requests", "counts requests, so it needs --requests N (or a trace); "
                        + "fix: use --requests, or drop --cooldown-requests");
            }
            stopAt = new Extent.Seconds(s.decimal("load.duration_s"));
        } else {
            throw new ConfigException("--requests", "a run needs a stop; fix: give --requests N or --duration S");
        }
        return LoadShape.stopAfter(stopAt).withWarmup(new Extent.Requests(warmup), new Extent.Requests(cooldown))
                .withRampUp(s.decimal("load.ramp_up_s")).withMaxConcurrency(s.integer("load.max_concurrency"));
    }

    private static Metrics metrics(Settings s) {
        String url = s.text("load.metrics_url");
        if (url != null && !s.bool("load.metrics")) {
            throw new ConfigException("--no-metrics", "contradicts --metrics-url; fix: drop one of them");
        }
        URI metricsUrl = url == null ? null : URI.create(url);
        if (metricsUrl != null && (metricsUrl.getHost() == null || metricsUrl.getScheme() == null
                || !metricsUrl.getScheme().startsWith("http"))) {
            throw new ConfigException("--metrics-url", "'" + url + "' is not an http(s) URL; fix: e.g. "
                    + "http://127.0.0.1:8000/metrics");
        }
        return new Metrics(s.bool("load.metrics"), metricsUrl,
                Duration.ofNanos(Math.round(s.decimal("load.metrics_interval_s") * 1e9)));
    }

    private static Sampling sampling(String name) {
        return Sampling.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String required(Settings s, String key, String flag, String what) {
        String value = s.text(key);
        if (value == null) {
            throw new ConfigException(flag, "missing; fix: give " + what + " (" + key + ")");
        }
        return value;
    }

    private static URI uri(Settings s, String key, String flag, String example) {
        String text = required(s, key, flag, "the server's base URL, " + example);
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(flag, "'" + text + "' is not a URL; fix: " + example);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new ConfigException(flag, "'" + text + "' is not an http(s) URL; fix: " + example);
        }
        return uri;
    }

    private static Path path(Settings s, String key) {
        String value = s.text(key);
        return value == null ? null : Path.of(value);
    }

    /** The Java API's way to the same keys: {@code LoadOptions.builder().endpoint(url).model("m")...build()}. */
    public static final class Builder {
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private Builder() {
        }

        /** Any key of {@link Settings#LOAD}, with the value as YAML or {@code --set} would give it. */
        public Builder set(String key, Object value) {
            keys.put(key, value);
            return this;
        }

        public Builder endpoint(URI endpoint) {
            return set("load.endpoint", endpoint.toString());
        }

        public Builder model(String model) {
            return set("load.model", model);
        }

        public Builder output(Path dir) {
            return set("load.output", dir.toString());
        }

        public Builder prompts(Path file) {
            return set("load.prompts", file.toString());
        }

        public Builder concurrency(int n) {
            return set("workload.concurrency", n);
        }

        public Builder rate(double requestsPerS) {
            return set("load.rate", requestsPerS);
        }

        /** Measured requests; warm-up and cool-down come on top. */
        public Builder requests(int measured) {
            return set("workload.requests", measured);
        }

        public Builder meters(List<String> names) {
            return set("measurement.meters", names);
        }

        public LoadOptions build() throws IOException {
            return from(Settings.resolve(Settings.LOAD, "lem load", keys));
        }
    }
}
