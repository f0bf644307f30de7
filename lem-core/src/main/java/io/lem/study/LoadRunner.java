package io.lem.study;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lem.analysis.latency.LoadMetrics;
import io.lem.analysis.latency.LoadSummary;
import io.lem.analysis.latency.RequestTiming;
import io.lem.analysis.latency.Slos;
import io.lem.client.Clients;
import io.lem.engine.EngineTokenizer;
import io.lem.load.ArrivalProcess;
import io.lem.load.EndpointUnreachableException;
import io.lem.load.Extent;
import io.lem.load.LoadEndpoint;
import io.lem.load.LoadOptions;
import io.lem.load.LoadRecord;
import io.lem.load.LoadRun;
import io.lem.load.LoadShape;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.Loads;
import io.lem.load.Progress;
import io.lem.load.RequestFactory;
import io.lem.load.Schedule;
import io.lem.load.Schedules;
import io.lem.load.LoadPrompts;
import io.lem.load.LoadPromptsJson;
import io.lem.load.prompts.Prompt;
import io.lem.time.Clock;
import io.lem.meter.MeterException;
import io.lem.result.JsonlWriter;
import io.lem.measure.MeterFactory;

/**
 * {@code lem load} as a library call: checks the endpoint, draws the prompts, optionally opens the meters and idles
 * a baseline, drives the closed or open loop (or trace replay) against any server while polling its metrics, then
 * writes requests.jsonl (as requests complete), engine_metrics.csv, power.csv and summary.json.
 */
public final class LoadRunner {

    public static final String REQUESTS_FILE = "requests.jsonl";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String POWER_FILE = "power.csv";
    /** Prompts drawn up front for a closed loop that stops by time; no tokenizer call falls inside the run. */
    static final int DURATION_POOL = 1024;

    private final MeterFactory meters;
    private final Clock clock;

    public LoadRunner(MeterFactory meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public LoadResult run(LoadOptions o, LoadListener listener) throws IOException, InterruptedException,
            MeterException {
        Slos slos = Slos.parse(o.goodput());
        LoadPrompts prompts = o.prompts();
        ArrivalProcess process = o.arrival();
        LoadShape shape = o.shape();
        Schedule schedule = process instanceof ArrivalProcess.Closed ? null : Schedules.build(process, shape, o.seed());
        boolean traceInputs = prompts.fromTrace(process);
        HttpClient http = Clients.httpClient(o.client());
        Optional<String> unreachable = LoadEndpoint.unreachable(http, o.client().baseUrl(), o.client().timeout());
        if (unreachable.isPresent()) {
            throw new EndpointUnreachableException(o.client().baseUrl(), unreachable.get());
        }
        EngineTokenizer tokenizer = new EngineTokenizer(http, o.client().endpoint("/tokenize"), o.client().model(),
                o.client().apiKey(), o.client().timeout()).probe();
        List<Prompt> pool = traceInputs ? prompts.forTrace(schedule.arrivals(), tokenizer, o.seed())
                : prompts.source(tokenizer, o.maxOutputTokens()).take(poolSize(schedule, shape), o.seed());
        Path output = o.output();
        Files.createDirectories(output);
        Path requestsFile = output.resolve(REQUESTS_FILE);
        Files.deleteIfExists(requestsFile);
        Files.deleteIfExists(output.resolve(LoadEngineMetrics.FILE));
        Instant startedAt = Instant.now();
        long anchorNs = clock.nanoTime();
        LoadOptions.Energy e = o.energy();
        LoadEnergy energy = !e.on() ? LoadEnergy.off() : LoadEnergy.start(meters, e.meters(), e.enginePid(),
                e.sampleRateHz(), e.baselineS(), output.resolve(POWER_FILE), clock, anchorNs, listener::note);
        RequestFactory factory = new LoadPrompts.Factory(pool, o.maxOutputTokens(), o.seed(), o.client().ignoreEos());
        LoadEngineMetrics metrics = LoadEngineMetrics.start(o.metrics(), o.client().baseUrl(), http, clock,
                listener::note);
        LoadRun run;
        try (energy; JsonlWriter rows = new JsonlWriter(requestsFile)) {
            // the one call into the load engine; rows reach requests.jsonl in batches, off the hot path
            run = Loads.run(new LoadTarget(o.api(), o.client(), null, o.trust()), process, shape, schedule, factory, clock,
                    LoadRows.sink(rows, anchorNs), listener,
                    new LoadStop());
        } finally {
            metrics.stop();
        }
        List<LoadRecord> records = run.records();
        Map<String, Object> energyJson = energy.finish(records);
        LoadSummary summary = LoadMetrics.summarize(records.stream().filter(LoadRecord::measured)
                .map(LoadRunner::timing).toList(), slos);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", runJson(o, startedAt, records.size()));
        json.put("prompts", LoadPromptsJson.describe(prompts, traceInputs, pool, tokenizer));
        json.put("metrics", summary.toJson());
        json.put("engine_metrics", metrics.write(output, anchorNs));
        json.put("energy", energyJson);
        json.put("load_generator", run.generator().toJson());
        Path summaryFile = output.resolve(SUMMARY_FILE);
        // recomputed from requests.jsonl (and power.csv with meters) as lem verify would, the verdict in the file
        listener.note(VerifiedResult.write(summaryFile, json));
        return new LoadResult(records, summary, energyJson, requestsFile, summaryFile, LoadEndpoint.allFailed(records));
    }

    private static int poolSize(Schedule schedule, LoadShape shape) {
        if (schedule != null) {
            return schedule.size();
        }
        return shape.stop() instanceof Extent.Requests(int n) ? n : DURATION_POOL;
    }

    private static Map<String, Object> runJson(LoadOptions o, Instant startedAt, int sent) {
        LoadShape shape = o.shape();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("endpoint", o.client().baseUrl().toString());
        run.put("model", o.client().model());
        run.put("api", o.api());
        run.put("stream", o.client().stream());
        run.put("ignore_eos", o.client().ignoreEos());
        run.put("api_key_given", o.client().apiKey() != null);
        run.put("started_at", startedAt.toString());
        run.put("arrival", LoadRows.arrivalJson(o.arrival()));
        run.put("trace_file", o.traceFile() == null ? null : o.traceFile().toString());
        run.put("stop", shape.stop() instanceof Extent.Requests(int n) ? Map.of("requests", n)
                : Map.of("duration_s", ((Extent.Seconds) shape.stop()).seconds()));
        run.put("warmup_requests", ((Extent.Requests) shape.warmup()).count());
        run.put("cooldown_requests", ((Extent.Requests) shape.cooldown()).count());
        run.put("ramp_up_s", shape.rampUpS());
        run.put("max_concurrency", shape.maxConcurrency());
        run.put("max_tokens", o.maxOutputTokens());
        run.put("seed", o.seed());
        run.put("requests_sent", sent);
        return run;
    }

    private static RequestTiming timing(LoadRecord r) {
        var q = r.request();
        return new RequestTiming(q.sendNs(), q.firstTokenNs(), q.endNs(), q.promptTokens(), q.completionTokens(),
                q.chunkTimesNs(), q.ok(), r.latenessMs());
    }
}
