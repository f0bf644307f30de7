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
import java.util.concurrent.Callable;

import io.lem.analysis.latency.LoadMetrics;
import io.lem.analysis.latency.LoadSummary;
import io.lem.analysis.latency.RequestTiming;
import io.lem.analysis.latency.Slos;
import io.lem.client.InferenceClient;
import io.lem.client.OpenAiChatClient;
import io.lem.config.ConfigException;
import io.lem.config.Defaults;
import io.lem.load.ArrivalProcess;
import io.lem.load.ClosedLoop;
import io.lem.load.Extent;
import io.lem.load.LoadRecord;
import io.lem.load.LoadShape;
import io.lem.load.OpenLoop;
import io.lem.load.Schedules;
import io.lem.meter.Clock;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lem load}: drives any OpenAI-compatible server with a closed or open loop and reports latency figures. */
@Command(name = "load", description = {
        "Sends prompts to a running inference server at a fixed concurrency (closed loop) or an arrival rate (open",
        "loop: Poisson, or gamma with --burstiness), then prints TTFT/TPOT/ITL/E2E and throughput. Writes",
        "requests.jsonl (one line per request, as they complete) and summary.json to --output."})
public final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "Server base URL, e.g. http://127.0.0.1:8000")
    URI endpoint;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model name sent with each request.")
    String model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Text file, one prompt per line.")
    Path prompts;

    @ArgGroup(exclusive = true, multiplicity = "1")
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
    }

    @Option(names = "--burstiness", paramLabel = "B", description = "With --rate: gamma arrivals, 1 = Poisson (default), < 1 burstier.")
    Double burstiness;

    @Option(names = "--ramp-up", paramLabel = "S", description = "With --rate: raise the rate linearly from 0 over S seconds.")
    double rampUpS;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "With --rate: at most N requests in flight (0: no cap).")
    int maxConcurrency;

    @Option(names = "--warmup", paramLabel = "N", description = "First N requests are warm-up, excluded from the figures.")
    int warmupRequests;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Output tokens per request (default: ${DEFAULT-VALUE}).")
    int maxTokens = Defaults.WORKLOAD_MAX_OUTPUT_TOKENS;

    @Option(names = "--api", paramLabel = "API", description = "openai (default) or ollama.")
    String api = "openai";

    @Option(names = "--seed", paramLabel = "N", description = "Seeds the arrival schedule and the prompt order (default: ${DEFAULT-VALUE}).")
    long seed = Defaults.WORKLOAD_SEED;

    @Option(names = "--goodput", arity = "1..*", paramLabel = "METRIC:MS", description = "SLOs for goodput, e.g. --goodput ttft:500 tpot:50")
    List<String> goodput = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds before a request counts as timed out (default: ${DEFAULT-VALUE}).")
    double timeoutS = Defaults.WORKLOAD_REQUEST_TIMEOUT_S;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where requests.jsonl and summary.json go.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Slos slos = Slos.parse(goodput);
        ArrivalProcess process = process();
        LoadShape shape = shape();
        List<String> promptList = LoadPrompts.read(prompts);
        InferenceClient client = client();
        Files.createDirectories(output);
        Path requestsFile = output.resolve("requests.jsonl");
        Files.deleteIfExists(requestsFile);
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.system();
        Instant startedAt = Instant.now();
        long anchorNs = clock.nanoTime();
        LoadProgressPrinter progress = new LoadProgressPrinter(err, System.console() != null && System.console().isTerminal());
        List<LoadRecord> records;
        LoadPrompts.Factory factory = new LoadPrompts.Factory(promptList, maxTokens, seed);
        try (JsonlWriter rows = new JsonlWriter(requestsFile)) {
            records = switch (process) {
                case ArrivalProcess.Closed closed -> ClosedLoop.run(client, closed, shape, factory, clock,
                        r -> rows.append(LoadRows.toJson(r, anchorNs)), progress);
                default -> OpenLoop.run(client, Schedules.build(process, shape, seed), factory, clock,
                        r -> rows.append(LoadRows.toJson(r, anchorNs)), progress);
            };
        }
        progress.finish();
        LoadSummary summary = LoadMetrics.summarize(records.stream().filter(LoadRecord::measured)
                .map(LoadCommand::timing).toList(), slos);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", runJson(process, shape, startedAt, records.size()));
        json.put("metrics", summary.toJson());
        AtomicFiles.write(output.resolve("summary.json"), Json.pretty().writeValueAsBytes(json));
        PrintWriter out = spec.commandLine().getOut();
        LoadSummaryTable.print(summary, out);
        out.println("wrote " + requestsFile + " and " + output.resolve("summary.json"));
        out.flush();
        return 0;
    }

    private ArrivalProcess process() {
        if (arrival.concurrency != null) {
            for (var flag : List.of(Map.entry("--burstiness", burstiness != null), Map.entry("--ramp-up", rampUpS != 0),
                    Map.entry("--max-concurrency", maxConcurrency != 0))) {
                if (flag.getValue()) {
                    throw new ConfigException(flag.getKey(), "applies to open-loop runs only; fix: use it with --rate "
                            + "instead of --concurrency");
                }
            }
            return new ArrivalProcess.Closed(arrival.concurrency);
        }
        double b = burstiness == null ? 1 : burstiness;
        return b == 1 ? new ArrivalProcess.Poisson(arrival.rate) : new ArrivalProcess.Gamma(arrival.rate, b);
    }

    private LoadShape shape() {
        Extent stopAt = stop.requests != null ? new Extent.Requests(stop.requests) : new Extent.Seconds(stop.durationS);
        if (stop.requests != null && warmupRequests >= stop.requests) {
            throw new ConfigException("--warmup", warmupRequests + " warm-up requests leave none of --requests "
                    + stop.requests + " to measure; fix: lower --warmup or raise --requests");
        }
        if (maxTokens < 1) {
            throw new ConfigException("--max-tokens", "must be >= 1, was " + maxTokens);
        }
        return LoadShape.stopAfter(stopAt).withWarmup(new Extent.Requests(warmupRequests), Extent.NONE)
                .withRampUp(rampUpS).withMaxConcurrency(maxConcurrency);
    }

    /** The clients engineer's {@code Clients.create(api, options, clock)} replaces this at integration. */
    private InferenceClient client() {
        if (!api.equals("openai")) {
            throw new ConfigException("--api", "'" + api + "' is not available in this build; fix: use --api openai");
        }
        if (!(timeoutS > 0)) {
            throw new ConfigException("--timeout", "must be > 0 s, was " + timeoutS);
        }
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http")) {
            throw new ConfigException("--endpoint", "'" + endpoint + "' is not an http(s) URL; fix: e.g. http://127.0.0.1:8000");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new OpenAiChatClient(http, endpoint, model, Clock.system(), Duration.ofMillis(Math.round(timeoutS * 1000)));
    }

    private Map<String, Object> runJson(ArrivalProcess process, LoadShape shape, Instant startedAt, int sent) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("endpoint", endpoint.toString());
        run.put("model", model);
        run.put("api", api);
        run.put("started_at", startedAt.toString());
        run.put("arrival", LoadRows.arrivalJson(process));
        run.put("stop", shape.stop() instanceof Extent.Requests(int n) ? Map.of("requests", n)
                : Map.of("duration_s", ((Extent.Seconds) shape.stop()).seconds()));
        run.put("warmup_requests", warmupRequests);
        run.put("ramp_up_s", shape.rampUpS());
        run.put("max_concurrency", shape.maxConcurrency());
        run.put("max_tokens", maxTokens);
        run.put("seed", seed);
        run.put("prompts_file", prompts.toString());
        run.put("requests_sent", sent);
        return run;
    }

    private static RequestTiming timing(LoadRecord r) {
        var q = r.request();
        return new RequestTiming(q.sendNs(), q.firstTokenNs(), q.endNs(), q.promptTokens(), q.completionTokens(),
                q.chunkTimesNs(), q.ok(), r.latenessMs());
    }
}
