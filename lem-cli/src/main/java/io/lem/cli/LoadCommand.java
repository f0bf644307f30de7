package io.lem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.config.Settings;
import io.lem.load.EndpointUnreachableException;
import io.lem.load.Extent;
import io.lem.load.LoadOptions;
import io.lem.load.Progress;
import io.lem.study.LoadListener;
import io.lem.study.LoadResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lem load}: parse the flags into keys, resolve them into {@link LoadOptions}, {@link Lem#load}, print. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads any OpenAI- or Ollama-compatible server and reports its latency, throughput and energy.",
                "",
                "Sends prompts at a fixed concurrency (closed loop), an arrival rate (open loop: Poisson, or gamma with"
                        + " --burstiness) or the timestamps of a trace, then prints TTFT/TPOT/ITL/E2E and throughput."
                        + " Writes requests.jsonl (one line per request, as they complete), summary.json and, when the"
                        + " server has Prometheus metrics, engine_metrics.csv to --output. Every flag is an alias of a"
                        + " key (in brackets), which --set KEY=VALUE sets too."})
public final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Server base URL, e.g. http://127.0.0.1:8000 (load.endpoint).")
    String endpoint;

    @Option(names = "--model", paramLabel = "M", description = "Model name sent with each request (load.model).")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    static final class Source {
        @Option(names = "--prompts", paramLabel = "FILE", description = "Prompt file: text (one per line), JSONL or ShareGPT JSON (load.prompts).")
        String file;
        @Option(names = "--synthetic-input", paramLabel = "LEN", description = "Synthetic prompts of LEN tokens: N, uniform:MIN:MAX, normal:MEAN:STD, lognormal:MEAN:STD (load.synthetic_input).")
        String input;
    }

    @Option(names = "--prompts-format", paramLabel = "FMT", description = "auto (by extension, then content), text, jsonl or sharegpt (load.prompts_format).")
    String promptsFormat;

    @Option(names = "--synthetic-output", paramLabel = "LEN", description = "With --synthetic-input: output tokens per request, same forms (load.synthetic_output).")
    String syntheticOutput;

    @Option(names = "--sampling", paramLabel = "HOW", description = "Dataset order: without-replacement (default), with-replacement, in-order (load.sampling).")
    String sampling;

    @Option(names = "--system-prompt", paramLabel = "FILE", description = "System prompt put before every query (load.system_prompt).")
    String systemPrompt;

    @Option(names = "--inject", paramLabel = "NAME=FILE", description = "Block appended to the system prompt (repeatable; load.inject).")
    List<String> inject;

    @Option(names = "--context", paramLabel = "FILE", description = "Conversation context put before every query, in <conversation_context> tags (load.context).")
    String context;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Stop stop = new Stop();

    static final class Stop {
        @Option(names = "--duration", paramLabel = "S", description = "Stop sending after S seconds (load.duration_s).")
        Double durationS;
        @Option(names = "--requests", paramLabel = "N", description = "Measured requests; warm-up and cool-down come on top (workload.requests).")
        Integer requests;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Arrival arrival = new Arrival();

    static final class Arrival {
        @Option(names = "--concurrency", paramLabel = "N", description = "Closed loop: N requests in flight (workload.concurrency).")
        Integer concurrency;
        @Option(names = "--rate", paramLabel = "R", description = "Open loop: R requests/s on average (load.rate).")
        Double rate;
        @Option(names = "--trace", paramLabel = "FILE", description = "Replay the timestamps (and token lengths) of a CSV or JSONL trace (load.trace).")
        String trace;
    }

    @Option(names = "--burstiness", paramLabel = "B", description = "With --rate: gamma arrivals, 1 = Poisson (default), < 1 burstier (load.burstiness).")
    Double burstiness;

    @Option(names = "--ramp-up", paramLabel = "S", description = "With --rate: raise the rate linearly from 0 over S seconds (load.ramp_up_s).")
    Double rampUpS;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "Open loop or trace: at most N requests in flight; 0: no cap (load.max_concurrency).")
    Integer maxConcurrency;

    @Option(names = {"--warmup-requests", "--warmup"}, paramLabel = "N", description = "Warm-up requests sent first,"
            + " excluded (measurement.warmup_requests; default: ${bundle:measurement.warmup_requests}).")
    Integer warmupRequests;

    @Option(names = {"--cooldown-requests", "--cooldown"}, paramLabel = "N", description = "Cool-down requests sent"
            + " last, excluded; needs --requests or a trace (load.cooldown_requests).")
    Integer cooldownRequests;

    @Option(names = {"--max-output-tokens", "--max-tokens"}, paramLabel = "N", description = "Output tokens per request"
            + " unless the prompt or trace sets them (workload.max_output_tokens; default:"
            + " ${bundle:workload.max_output_tokens}).")
    Integer maxOutputTokens;

    @Option(names = "--api", paramLabel = "API", description = "openai (default), openai-completions, ollama or ollama-generate (load.api).")
    String api;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:LEM_API_KEY}", description = "Sent as a Bearer token (load.api_key; default: $LEM_API_KEY).")
    String apiKey;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "https: trust the certificates in this PEM or DER"
            + " file instead of the JDK's trust store (load.ca_file).")
    String caFile;

    @Option(names = "--no-stream", description = "Ask for one JSON response: no TTFT, no chunk times (load.stream=false).")
    boolean noStream;

    @Option(names = "--ignore-eos", negatable = true, fallbackValue = "true", description = "Ask for exactly max_tokens"
            + " (ignore_eos, and min_tokens on OpenAI APIs); on by default. vLLM, llama.cpp and lem serve honour it,"
            + " Ollama ignores it (load.ignore_eos).")
    Boolean ignoreEos;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds the arrival schedule and the prompts"
            + " (workload.seed; default: ${bundle:workload.seed}).")
    Long seed;

    @Option(names = "--goodput", arity = "1..*", paramLabel = "METRIC:MS", description = "SLOs for goodput, e.g. --goodput ttft:500 tpot:50 (load.goodput).")
    List<String> goodput;

    @Option(names = {"--request-timeout", "--timeout"}, paramLabel = "S", description = "Seconds before a request"
            + " counts as timed out (workload.request_timeout_s; default: ${bundle:workload.request_timeout_s}).")
    Double timeoutS;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "The engine's Prometheus metrics (load.metrics_url; default: <endpoint>/metrics when it answers).")
    String metricsUrl;

    @Option(names = "--no-metrics", description = "Do not scrape the engine's metrics (load.metrics=false).")
    boolean noMetrics;

    @Option(names = "--metrics-interval", paramLabel = "S", description = "Seconds between metric scrapes"
            + " (load.metrics_interval_s; default: ${bundle:load.metrics_interval_s}).")
    Double metricsIntervalS;

    @Option(names = "--output", paramLabel = "DIR", description = "Where requests.jsonl and summary.json go (load.output).")
    String output;

    @Mixin
    MeterFlags meterFlags;

    @Option(names = "--engine-pid", paramLabel = "PID", description = "With --meters: the local engine's pid, so the"
            + " process meter attributes energy to its process tree, E_llm (load.engine_pid).")
    Integer enginePid;

    @Option(names = "--baseline", paramLabel = "S", description = "With --meters: idle seconds measured before the"
            + " load (measurement.baseline_s; default: ${bundle:measurement.baseline_s}).")
    Double baselineS;

    @Mixin
    SetOption set;

    @Option(names = "--no-report", description = "Do not write report.html and figures/ beside summary.json at the "
            + "end (`lem report DIR` writes them later, the same).")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LoadOptions options = LoadOptions.from(Settings.resolve(Settings.LOAD, "lem load", keys(err).map()));
        LoadProgressPrinter progress = new LoadProgressPrinter(err, System.console() != null
                && System.console().isTerminal());
        LoadResult result;
        try {
            result = Lem.builder().powercapRoot(options.energy().powercapRoot()).procRoot(options.energy().procRoot())
                    .build().load(options, listener(progress, err));
        } catch (EndpointUnreachableException e) {
            err.println("lem load: " + e.getMessage());
            return ErrorHandler.FAILURE;
        }
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        LoadSummaryTable.print(result.summary(), out);
        if (result.energy() != null) {
            LoadSummaryTable.printEnergy(result.energy(), out);
        }
        out.println("wrote " + result.requestsFile() + " and " + result.summaryFile());
        out.flush();
        if (!noReport) {
            ReportCommand.afterRun(result.summaryFile().toAbsolutePath().getParent(), out, err);
        }
        noteRequestCount(options, err);
        result.allFailed().ifPresent(line -> err.println("lem load: " + line));
        return result.allFailed().isPresent() ? ErrorHandler.FAILURE : 0;
    }

    private Keys keys(PrintWriter err) {
        List<String> blocks = inject == null ? null : new ArrayList<>(inject);
        Keys keys = new Keys()
                .flag("--endpoint", "load.endpoint", endpoint).flag("--model", "load.model", model)
                .flag("--prompts", "load.prompts", source.file).flag("--synthetic-input", "load.synthetic_input", source.input)
                .flag("--prompts-format", "load.prompts_format", promptsFormat)
                .flag("--synthetic-output", "load.synthetic_output", syntheticOutput)
                .flag("--sampling", "load.sampling", sampling).flag("--system-prompt", "load.system_prompt", systemPrompt)
                .flag("--inject", "load.inject", blocks).flag("--context", "load.context", context)
                .flag("--duration", "load.duration_s", stop.durationS).flag("--requests", "workload.requests", stop.requests)
                .flag("--concurrency", "workload.concurrency", arrival.concurrency).flag("--rate", "load.rate", arrival.rate)
                .flag("--trace", "load.trace", arrival.trace).flag("--burstiness", "load.burstiness", burstiness)
                .flag("--ramp-up", "load.ramp_up_s", rampUpS).flag("--max-concurrency", "load.max_concurrency", maxConcurrency)
                .flag("--warmup-requests", "measurement.warmup_requests", warmupRequests)
                .flag("--cooldown-requests", "load.cooldown_requests", cooldownRequests)
                .flag("--max-output-tokens", "workload.max_output_tokens", maxOutputTokens)
                .flag("--api", "load.api", api).flag("--api-key", "load.api_key", apiKey)
                .flag("--ca-file", "load.ca_file", caFile)
                .flag("--no-stream", "load.stream", noStream ? false : null).flag("--ignore-eos", "load.ignore_eos", ignoreEos)
                .flag("--seed", "workload.seed", seed).flag("--goodput", "load.goodput", goodput)
                .flag("--request-timeout", "workload.request_timeout_s", timeoutS)
                .flag("--metrics-url", "load.metrics_url", metricsUrl).flag("--no-metrics", "load.metrics", noMetrics ? false : null)
                .flag("--metrics-interval", "load.metrics_interval_s", metricsIntervalS)
                .flag("--output", "load.output", output).flag("--engine-pid", "load.engine_pid", enginePid)
                .flag("--baseline", "measurement.baseline_s", baselineS);
        return meterFlags.into(keys, err, "lem load").set(set.pairs);
    }

    /** --requests used to count the warm-up too; say once what it counts now (what workload.requests counts). */
    private void noteRequestCount(LoadOptions options, PrintWriter err) {
        int warmup = ((Extent.Requests) options.shape().warmup()).count();
        int cooldown = ((Extent.Requests) options.shape().cooldown()).count();
        if (stop.requests != null && warmup + cooldown > 0) {
            err.println("lem load: note: sent " + warmup + " warm-up + " + stop.requests + " measured + " + cooldown
                    + " cool-down requests (--requests counts measured requests, as workload.requests does)");
        }
    }

    private static LoadListener listener(Progress.Listener progress, PrintWriter err) {
        return new LoadListener() {
            @Override
            public void progress(Progress p) {
                progress.progress(p);
            }

            @Override
            public void note(String line) {
                err.println("lem load: " + line);
                err.flush();
            }
        };
    }
}
