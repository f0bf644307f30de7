package io.lem.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.lem.analysis.latency.LoadMetrics;
import io.lem.analysis.latency.LoadSummary;
import io.lem.analysis.latency.RequestTiming;
import io.lem.analysis.latency.Slos;
import io.lem.client.ClientOptions;
import io.lem.client.Clients;
import io.lem.client.InferenceClient;
import io.lem.config.ConfigException;
import io.lem.config.Defaults;
import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadRecord;
import io.lem.load.LoadRun;
import io.lem.load.LoadShape;
import io.lem.load.LoadSink;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.Loads;
import io.lem.load.Schedule;
import io.lem.load.Schedules;
import io.lem.load.TraceFile;
import io.lem.load.prompts.Prompt;
import io.lem.load.prompts.Sampling;
import io.lem.meter.Clock;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lem load}: drives an OpenAI- or Ollama-compatible server with a closed or open loop, or a replayed trace. */
@Command(name = "load", mixinStandardHelpOptions = true, description = {
        "Sends prompts to a running inference server at a fixed concurrency (closed loop), an arrival rate (open",
        "loop: Poisson, or gamma with --burstiness) or the timestamps of a trace, then prints TTFT/TPOT/ITL/E2E and",
        "throughput. Writes requests.jsonl (one line per request, as they complete), summary.json and, when the",
        "server has Prometheus metrics, engine_metrics.csv to --output."})
public final class LoadCommand implements Callable<Integer> {

    /** Prompts drawn up front for a closed loop that stops by time; no tokenizer call falls inside the run. */
    static final int DURATION_POOL = 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "Server base URL, e.g. http://127.0.0.1:8000")
    URI endpoint;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model name sent with each request.")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    static final class Source {
        @Option(names = "--prompts", paramLabel = "FILE", description = "Prompt file: text (one per line), JSONL or ShareGPT JSON.")
        Path file;
        @Option(names = "--synthetic-input", paramLabel = "LEN", description = "Synthetic prompts of LEN tokens: N, uniform:MIN:MAX, normal:MEAN:STD, lognormal:MEAN:STD.")
        String input;
    }

    @Option(names = "--prompts-format", paramLabel = "FMT", description = "auto (default: by extension, then content), text, jsonl or sharegpt.")
    String promptsFormat = "auto";

    @Option(names = "--synthetic-output", paramLabel = "LEN", description = "With --synthetic-input: output tokens per request, same forms.")
    String syntheticOutput;

    @Option(names = "--sampling", paramLabel = "HOW", description = "Dataset order: without-replacement (default), with-replacement, in-order.")
    String sampling = "without-replacement";

    @Option(names = "--system-prompt", paramLabel = "FILE", description = "System prompt put before every query.")
    Path systemPrompt;

    @Option(names = "--inject", paramLabel = "NAME=FILE", description = "Block appended to the system prompt (repeatable).")
    Map<String, Path> inject = new LinkedHashMap<>();

    @Option(names = "--context", paramLabel = "FILE", description = "Conversation context put before every query, in <conversation_context> tags.")
    Path context;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Stop stop;

    static final class Stop {
        @Option(names = "--duration", paramLabel = "S", description = "Stop sending after S seconds.")
        Double durationS;
        @Option(names = "--requests", paramLabel = "N", description = "Send N requests (warm-up included).")
        Integer requests;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Arrival arrival;

    static final class Arrival {
        @Option(names = "--concurrency", paramLabel = "N", description = "Closed loop: N requests in flight.")
        Integer concurrency;
        @Option(names = "--rate", paramLabel = "R", description = "Open loop: R requests/s on average.")
        Double rate;
        @Option(names = "--trace", paramLabel = "FILE", description = "Replay the timestamps (and token lengths) of a CSV or JSONL trace.")
        Path trace;
    }

    @Option(names = "--burstiness", paramLabel = "B", description = "With --rate: gamma arrivals, 1 = Poisson (default), < 1 burstier.")
    Double burstiness;

    @Option(names = "--ramp-up", paramLabel = "S", description = "With --rate: raise the rate linearly from 0 over S seconds.")
    double rampUpS;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "Open loop or trace: at most N requests in flight (0: no cap).")
    int maxConcurrency;

    @Option(names = "--warmup", paramLabel = "N", description = "First N requests are warm-up, excluded from the figures.")
    int warmupRequests;

    @Option(names = "--cooldown", paramLabel = "N", description = "Last N requests are cool-down, excluded from the"
            + " figures (with --requests).")
    int cooldownRequests;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Output tokens per request unless the prompt or trace sets them (default: ${DEFAULT-VALUE}).")
    int maxTokens = Defaults.WORKLOAD_MAX_OUTPUT_TOKENS;

    @Option(names = "--api", paramLabel = "API", description = "openai (default), openai-completions, ollama or ollama-generate.")
    String api = "openai";

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:LEM_API_KEY}", description = "Sent as a Bearer token (default: $LEM_API_KEY).")
    String apiKey;

    @Option(names = "--no-stream", description = "Ask for one JSON response: no TTFT, no chunk times.")
    boolean noStream;

    @Option(names = "--ignore-eos", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask for exactly max_tokens (ignore_eos, and min_tokens on OpenAI APIs); on by default. vLLM, llama.cpp and lem serve honour it, Ollama ignores it.")
    boolean ignoreEos;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds the arrival schedule and the prompts (default: ${DEFAULT-VALUE}).")
    long seed = Defaults.WORKLOAD_SEED;

    @Option(names = "--goodput", arity = "1..*", paramLabel = "METRIC:MS", description = "SLOs for goodput, e.g. --goodput ttft:500 tpot:50")
    List<String> goodput = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds before a request counts as timed out (default: ${DEFAULT-VALUE}).")
    double timeoutS = Defaults.WORKLOAD_REQUEST_TIMEOUT_S;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "The engine's Prometheus metrics (default: <endpoint>/metrics when it answers).")
    URI metricsUrl;

    @Option(names = "--no-metrics", description = "Do not scrape the engine's metrics.")
    boolean noMetrics;

    @Option(names = "--metrics-interval", paramLabel = "S", description = "Seconds between metric scrapes (default: ${DEFAULT-VALUE}).")
    double metricsIntervalS = 1;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where requests.jsonl and summary.json go.")
    Path output;

    @Option(names = "--meters", split = ",", paramLabel = "NAME", description = "Also measure energy with these meters"
            + " (auto, or names from `lem meters`); writes power.csv and an energy section.")
    List<String> meters = List.of();

    @Option(names = "--engine-pid", paramLabel = "PID", description = "With --meters: the local engine's pid, so the"
            + " process meter attributes energy to its process tree (E_llm).")
    long enginePid = -1;

    @Option(names = "--baseline", paramLabel = "S", description = "With --meters: idle seconds measured before the load"
            + " (default: ${DEFAULT-VALUE}).")
    double baselineS = 10;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "With --meters: sampling rate (default: ${DEFAULT-VALUE}).")
    double sampleRateHz = io.lem.config.Defaults.SAMPLE_RATE_HZ;

    @Override
    public Integer call() throws Exception {
        Slos slos = Slos.parse(goodput);
        LoadPrompts prompts = new LoadPrompts(source.file, promptsFormat, source.input, syntheticOutput,
                sampling(), systemPrompt, inject, context);
        ClientOptions options = clientOptions();
        ArrivalProcess process = process();
        LoadShape shape = shape(process);
        Schedule schedule = process instanceof ArrivalProcess.Closed ? null : Schedules.build(process, shape, seed);
        boolean traceInputs = prompts.fromTrace(process);
        Duration metricsInterval = metricsInterval();
        Clock clock = Clock.system();
        HttpClient http = Clients.httpClient(options);
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> unreachable = LoadEndpoint.unreachable(http, endpoint, options.timeout());
        if (unreachable.isPresent()) {
            err.println("lem load: nothing answers at " + endpoint + " (" + unreachable.get()
                    + "); start the server or fix --endpoint");
            return ErrorHandler.FAILURE;
        }
        InferenceClient client = Clients.create(api, options, clock, http);
        LoadTokenizer tokenizer = LoadTokenizer.probe(http, options);
        List<Prompt> pool = traceInputs ? prompts.forTrace(schedule.arrivals(), tokenizer, seed)
                : prompts.source(tokenizer, maxTokens).take(poolSize(schedule, shape), seed);
        Files.createDirectories(output);
        Path requestsFile = output.resolve("requests.jsonl");
        Files.deleteIfExists(requestsFile);
        Files.deleteIfExists(output.resolve(LoadEngineMetrics.FILE));
        if (baselineS < 0 || !(sampleRateHz > 0 && sampleRateHz <= 1000)) {
            throw new ConfigException(baselineS < 0 ? "--baseline" : "--sample-rate", (baselineS < 0 ? baselineS
                    : sampleRateHz) + " is out of range; fix: --baseline >= 0, --sample-rate in (0, 1000]");
        }
        Instant startedAt = Instant.now();
        long anchorNs = clock.nanoTime();
        LoadEnergy energy = meters.isEmpty() ? LoadEnergy.off()
                : LoadEnergy.start(meters, enginePid, sampleRateHz, baselineS, output, clock, anchorNs, err);
        LoadProgressPrinter progress = new LoadProgressPrinter(err, System.console() != null && System.console().isTerminal());
        LoadPrompts.Factory factory = new LoadPrompts.Factory(pool, maxTokens, seed, ignoreEos);
        LoadEngineMetrics metrics = noMetrics ? LoadEngineMetrics.off()
                : LoadEngineMetrics.start(metricsUrl != null ? metricsUrl : LoadEngineMetrics.defaultUrl(endpoint), metricsUrl != null,
                        http, clock, metricsInterval, err);
        LoadRun run;
        try (energy; JsonlWriter rows = new JsonlWriter(requestsFile)) {
            run = Loads.run(new LoadTarget(api, options, client), process, shape, schedule, factory, clock,
                    LoadSink.batched(r -> rows.write(LoadRows.toJson(r, anchorNs)), rows::flush), progress,
                    new LoadStop());
        } finally {
            metrics.stop();
        }
        List<LoadRecord> records = run.records();
        Map<String, Object> energyJson = energy.finish(records);
        progress.finish();
        LoadSummary summary = LoadMetrics.summarize(records.stream().filter(LoadRecord::measured)
                .map(LoadCommand::timing).toList(), slos);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", runJson(process, shape, startedAt, records.size()));
        json.put("prompts", LoadPromptsJson.describe(prompts, traceInputs, pool, tokenizer));
        json.put("metrics", summary.toJson());
        json.put("engine_metrics", metrics.write(output, anchorNs));
        json.put("energy", energyJson);
        json.put("load_generator", run.generator().toJson());
        AtomicFiles.write(output.resolve("summary.json"), Json.pretty().writeValueAsBytes(json));
        PrintWriter out = spec.commandLine().getOut();
        LoadSummaryTable.print(summary, out);
        if (energyJson != null) {
            LoadSummaryTable.printEnergy(energyJson, out);
        }
        out.println("wrote " + requestsFile + " and " + output.resolve("summary.json"));
        out.flush();
        Optional<String> allFailed = LoadEndpoint.allFailed(records);
        allFailed.ifPresent(line -> err.println("lem load: " + line));
        return allFailed.isPresent() ? ErrorHandler.FAILURE : 0;
    }

    private Sampling sampling() {
        try {
            return Sampling.valueOf(sampling.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--sampling", "unknown sampling '" + sampling + "'; use without-replacement, "
                    + "with-replacement or in-order");
        }
    }

    private ClientOptions clientOptions() {
        if (!Clients.APIS.contains(api)) {
            throw new ConfigException("--api", "'" + api + "' is not one of " + String.join(", ", Clients.APIS)
                    + "; fix: pick one of them");
        }
        if (!(timeoutS > 0) || !Double.isFinite(timeoutS)) {
            throw new ConfigException("--timeout", "must be > 0 s, was " + timeoutS);
        }
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null) {
            throw new ConfigException("--endpoint", "'" + endpoint + "' is not an http(s) URL; fix: e.g. http://127.0.0.1:8000");
        }
        return new ClientOptions(endpoint, model, apiKey, Duration.ofMillis(Math.round(timeoutS * 1000)), !noStream,
                ignoreEos);
    }

    private ArrivalProcess process() throws java.io.IOException {
        String kind = arrival.concurrency != null ? "--concurrency" : "--trace";
        if (arrival.rate == null && (burstiness != null || rampUpS != 0)) {
            throw new ConfigException(burstiness != null ? "--burstiness" : "--ramp-up", "applies to open-loop runs "
                    + "only; fix: use it with --rate instead of " + kind);
        }
        if (arrival.concurrency != null && maxConcurrency != 0) {
            throw new ConfigException("--max-concurrency", "caps open-loop runs only; fix: use it with --rate or "
                    + "--trace, or raise --concurrency");
        }
        if (arrival.trace != null) {
            if (!Files.isRegularFile(arrival.trace)) {
                throw new ConfigException("--trace", "no such file: " + arrival.trace + "; fix: give a CSV or JSONL trace");
            }
            return TraceFile.read(arrival.trace);
        }
        if (arrival.concurrency != null) {
            return new ArrivalProcess.Closed(arrival.concurrency);
        }
        double b = burstiness == null ? 1 : burstiness;
        return b == 1 ? new ArrivalProcess.Poisson(arrival.rate) : new ArrivalProcess.Gamma(arrival.rate, b);
    }

    private LoadShape shape(ArrivalProcess process) {
        Extent stopAt;
        if (stop == null) {
            if (!(process instanceof ArrivalProcess.TraceReplay trace)) {
                throw new ConfigException("--requests", "a run needs a stop; fix: give --requests N or --duration S");
            }
            stopAt = new Extent.Requests(trace.rows().size());
        } else {
            stopAt = stop.requests != null ? new Extent.Requests(stop.requests) : new Extent.Seconds(stop.durationS);
        }
        if (stopAt instanceof Extent.Requests(int n) && warmupRequests + cooldownRequests >= n) {
            throw new ConfigException(cooldownRequests > 0 ? "--cooldown" : "--warmup", warmupRequests
                    + " warm-up and " + cooldownRequests + " cool-down requests leave none of " + n
                    + " requests to measure; fix: lower --warmup/--cooldown or raise --requests");
        }
        if (cooldownRequests < 0 || warmupRequests < 0) {
            throw new ConfigException(cooldownRequests < 0 ? "--cooldown" : "--warmup", "must be >= 0");
        }
        if (cooldownRequests > 0 && !(stopAt instanceof Extent.Requests)) {
            throw new ConfigException("--cooldown", "counts requests, so it needs --requests N (or a trace); "
                    + "fix: use --requests, or drop --cooldown");
        }
        if (maxTokens < 1) {
            throw new ConfigException("--max-tokens", "must be >= 1, was " + maxTokens);
        }
        return LoadShape.stopAfter(stopAt).withWarmup(new Extent.Requests(warmupRequests),
                        new Extent.Requests(cooldownRequests))
                .withRampUp(rampUpS).withMaxConcurrency(maxConcurrency);
    }

    private static int poolSize(Schedule schedule, LoadShape shape) {
        if (schedule != null) {
            return schedule.size();
        }
        return shape.stop() instanceof Extent.Requests(int n) ? n : DURATION_POOL;
    }

    private Duration metricsInterval() {
        if (metricsUrl != null && noMetrics) {
            throw new ConfigException("--no-metrics", "contradicts --metrics-url; fix: drop one of them");
        }
        if (!(metricsIntervalS > 0) || !Double.isFinite(metricsIntervalS)) {
            throw new ConfigException("--metrics-interval", "must be > 0 s, was " + metricsIntervalS);
        }
        if (metricsUrl != null && (metricsUrl.getHost() == null || !metricsUrl.getScheme().startsWith("http"))) {
            throw new ConfigException("--metrics-url", "'" + metricsUrl + "' is not an http(s) URL; fix: e.g. "
                    + "http://127.0.0.1:8000/metrics");
        }
        return Duration.ofNanos(Math.round(metricsIntervalS * 1e9));
    }

    private Map<String, Object> runJson(ArrivalProcess process, LoadShape shape, Instant startedAt, int sent) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("endpoint", endpoint.toString());
        run.put("model", model);
        run.put("api", api);
        run.put("stream", !noStream);
        run.put("ignore_eos", ignoreEos);
        run.put("api_key_given", apiKey != null && !apiKey.isBlank());
        run.put("started_at", startedAt.toString());
        run.put("arrival", LoadRows.arrivalJson(process));
        run.put("trace_file", arrival.trace == null ? null : arrival.trace.toString());
        run.put("stop", shape.stop() instanceof Extent.Requests(int n) ? Map.of("requests", n)
                : Map.of("duration_s", ((Extent.Seconds) shape.stop()).seconds()));
        run.put("warmup_requests", warmupRequests);
        run.put("ramp_up_s", shape.rampUpS());
        run.put("max_concurrency", shape.maxConcurrency());
        run.put("max_tokens", maxTokens);
        run.put("seed", seed);
        run.put("requests_sent", sent);
        return run;
    }

    private static RequestTiming timing(LoadRecord r) {
        var q = r.request();
        return new RequestTiming(q.sendNs(), q.firstTokenNs(), q.endNs(), q.promptTokens(), q.completionTokens(),
                q.chunkTimesNs(), q.ok(), r.latenessMs());
    }
}
