package io.lem.study;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lem.client.ClientOptions;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.config.ExperimentConfig;
import io.lem.config.MeasurementConfig;
import io.lem.config.WorkloadConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineException;
import io.lem.engine.EngineFailedException;
import io.lem.engine.EngineProcess;
import io.lem.engine.EngineWatch;
import io.lem.engine.PreparedModel;
import io.lem.engine.EngineTokenizer;
import io.lem.load.LoadTarget;
import io.lem.load.LoadStop;
import io.lem.load.prompts.SyntheticPrompts;
import io.lem.time.Clock;
import io.lem.meter.MeterException;
import io.lem.meter.nvml.NvmlOptions;
import io.lem.result.Environment;
import io.lem.result.JsonlWriter;
import io.lem.result.PowerCsv;
import io.lem.result.RequestEnergyJsonl;
import io.lem.result.RequestsJsonl;
import io.lem.result.ResultFormats;
import io.lem.result.ResultJson;
import io.lem.measure.EnergySession;
import io.lem.measure.MeterFactory;
import io.lem.measure.Marks;

/**
 * Runs one experiment in a fresh engine process: launch, wait for health, open meters, start the sampler, idle
 * baseline, warm-up (excluded), measured closed-loop load, stop, analyse, write result.json. requests.jsonl and
 * power.csv are appended while the experiment runs, so an interruption keeps everything measured so far. An engine
 * that dies or stops answering stops the load at once and fails the experiment ({@link EngineFailedException}):
 * its raw files stay, and no result.json makes it look finished.
 */
public final class ExperimentRunner {

    public static final String RESULT_FILE = ResultJson.FILE;
    public static final String REQUESTS_FILE = RequestsJsonl.FILE;
    public static final String POWER_FILE = PowerCsv.FILE;
    public static final String ENGINE_LOG = "engine.log";
    /** Derived from the raw files after the run: per-request phases and attributed energy. */
    public static final String REQUEST_ENERGY_FILE = RequestEnergyJsonl.FILE;
    private static final Duration ENGINE_START_TIMEOUT = Duration.ofMinutes(10);

    private final EngineDrivers engines;
    private final MeterFactory meters;
    private final Clock clock;
    private final Environment environment;
    private final StudyListener listener;
    private final NvmlOptions nvml;
    /** The last engine's process tree, for the next experiment's preflight; units run one after another. */
    private volatile List<ProcessHandle> previousEngine = List.of();

    public ExperimentRunner(EngineDrivers engines, MeterFactory meters, Clock clock, Environment environment,
                            StudyListener listener) {
        this(engines, meters, clock, environment, listener, NvmlOptions.system());
    }

    /** @param nvml how to reach NVML for {@code gpu.power_limit_w} */
    public ExperimentRunner(EngineDrivers engines, MeterFactory meters, Clock clock, Environment environment,
                            StudyListener listener, NvmlOptions nvml) {
        this.nvml = nvml;
        this.engines = engines;
        this.meters = meters;
        this.clock = clock;
        this.environment = environment;
        this.listener = listener;
    }

    private void step(double seconds, String what) {
        if (seconds > 0) {
            listener.step(String.format(java.util.Locale.ROOT, "%s %.0f s", what, seconds));
        }
    }

    private static String describe(MeasurementConfig.Warmup w) {
        StringBuilder text = new StringBuilder(w.requests() + " requests");
        if (w.durationS() > 0) {
            text.append(", at least ").append(w.durationS()).append(" s");
        }
        if (w.cv() > 0) {
            text.append(", until latency CV < ").append(w.cv());
        }
        if (w.thermal()) {
            text.append(", until temperatures settle");
        }
        return text.toString();
    }

    /**
     * Prepares the experiment's model with its engine's driver (writing a synthetic one if needed); fails early on
     * an unknown {@code engine.type} or a missing model.
     */
    public PreparedModel prepare(ExperimentConfig config) throws IOException {
        return engines.forExperiment(config).prepare(config.engine(), listener::step);
    }

    public ExperimentSummary run(String studyName, ExperimentConfig config, Path dir)
            throws IOException, EngineException, MeterException, InterruptedException {
        return run(studyName, config, dir, new Cancellation());
    }

    /**
     * As above; {@code cancellation} stops the load and the engine from another thread, and the run then ends with
     * an {@link InterruptedException} before any result.json is written.
     */
    public ExperimentSummary run(String studyName, ExperimentConfig config, Path dir, Cancellation cancellation)
            throws IOException, EngineException, MeterException, InterruptedException {
        EngineDriver engine = engines.forExperiment(config);
        PreparedModel model = engine.prepare(config.engine(), listener::step);
        preflight(engine, config);
        try (PowerLimitStep powerLimit = PowerLimitStep.apply(config, nvml)) {
            if (powerLimit != null) {
                listener.step("GPU power limit " + config.values().get(PowerLimitStep.KEY) + " W set (restored after)");
            }
            return measure(studyName, config, dir, cancellation, engine, model, powerLimit);
        }
    }

    private ExperimentSummary measure(String studyName, ExperimentConfig config, Path dir, Cancellation cancellation,
                                      EngineDriver engine, PreparedModel model, PowerLimitStep powerLimit)
            throws IOException, EngineException, MeterException, InterruptedException {
        listener.step("starting engine (" + model.servedName() + ", " + config.engine().parallel() + " slots, "
                + config.engine().threads() + " threads)");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (EngineProcess process = EngineProcess.start(engine.launch(config.engine(), model, dir.resolve(ENGINE_LOG)))) {
            previousEngine = tree(process.pid());
            process.awaitHealthy(http, engine.healthPath(), ENGINE_START_TIMEOUT);
            previousEngine = tree(process.pid()); // now with the workers it started
            WorkloadConfig workload = config.workload();
            MeasurementConfig measurement = config.measurement();
            Duration requestTimeout = Duration.ofMillis((long) (workload.requestTimeoutS() * 1000));
            LoadStop stop = new LoadStop();
            Runnable uncancellable = cancellation.onCancel(() -> {
                stop.stop("cancelled: " + cancellation.reason());
                process.close();
            });
            EngineWatch watch = process.watch(requestTimeout, stop, clock);
            int warmupPool = Math.max(1, Math.max(measurement.warmupRequests(), workload.concurrency()));
            listener.step("preparing " + (warmupPool + workload.requests()) + " prompts of " + workload.inputTokens()
                    + " tokens");
            watch.phase("prompt preparation");
            List<String> prompts;
            // engines without /tokenize (Ollama, SGLang, TGI, trtllm-serve): one token per word, said in the result
            EngineTokenizer tokenizer = new EngineTokenizer(http, process.baseUrl()).probe();
            if (tokenizer == null) {
                watch.checkAfterIoError(); // no answer may mean no engine: then this experiment fails here
            }
            try {
                prompts = SyntheticPrompts.generate(warmupPool + workload.requests(), workload.inputTokens(),
                        workload.seed(), tokenizer);
            } catch (IOException e) {
                watch.checkAfterIoError();
                throw e;
            }
            List<PromptRequest> warmupRequests = new ArrayList<>();
            List<PromptRequest> measuredRequests = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                boolean warmup = i < warmupPool;
                (warmup ? warmupRequests : measuredRequests).add(new PromptRequest(warmup ? i : i - warmupPool,
                        warmup, prompts.get(i), workload.maxOutputTokens(), config.engine().seed()));
            }
            ClientOptions clientOptions = ClientOptions.of(process.baseUrl(), model.servedName(), requestTimeout);
            LoadTarget target = new LoadTarget("openai", clientOptions);

            MeterFactory.Opened opened = meters.open(measurement.meters(), process.pid());
            Instant wallAnchor = Instant.now();
            List<RequestRecord> records = new ArrayList<>();
            List<String> runWarnings = new ArrayList<>();
            if (tokenizer == null) {
                runWarnings.add("the engine has no /tokenize: synthetic prompts assume one token per word, so prompt"
                        + " lengths differ from workload.input_tokens; prompt_tokens are the server's own counts");
            }
            Marks marks;
            WarmupRunner.Outcome warmup;
            EngineLoad load;
            EnergySession session = EnergySession.start(opened, clock, measurement.sampleRateHz(), dir.resolve(POWER_FILE));
            try (session; JsonlWriter requestsJsonl = new JsonlWriter(dir.resolve(REQUESTS_FILE))) {
                step(measurement.baselineS(), "idle baseline");
                watch.phase("idle baseline");
                long[] baseline = session.idle(measurement.baselineS());
                watch.check();
                listener.step("warm-up: " + describe(measurement.warmup()) + " (excluded)");
                RequestRows rows = new RequestRows(requestsJsonl, session.anchorNs());
                watch.phase("warm-up");
                load = new EngineLoad(target, workload.concurrency(), clock, r -> rows.append(r.request()), stop,
                        watch);
                warmup = new WarmupRunner(measurement.warmup(), clock, session::liveTrace)
                        .run(load, warmupRequests, workload.concurrency(), stop);
                watch.check();
                records.addAll(warmup.records());
                runWarnings.addAll(warmup.warnings());
                listener.step("measured: " + workload.requests() + " requests, concurrency "
                        + workload.concurrency() + ", " + workload.maxOutputTokens() + " output tokens each");
                watch.phase("measured load");
                List<RequestRecord> measured = load.run(measuredRequests);
                watch.check();
                records.addAll(measured);
                long measuredStart = measured.stream().mapToLong(RequestRecord::sendNs).min().orElse(warmup.endNs());
                long measuredEnd = measured.stream().mapToLong(RequestRecord::endNs).max().orElse(session.now());
                step(measurement.baselineAfterS(), "idle after the load (drift check)");
                watch.phase("idle after the load");
                long[] after = session.idle(measurement.baselineAfterS());
                watch.check();
                marks = new Marks(session.anchorNs(), baseline[0], baseline[1], warmup.startNs(), warmup.endNs(),
                        measuredStart, measuredEnd, after[0], after[1]);
            }
            uncancellable.run();
            if (cancellation.cancelled()) {
                throw new InterruptedException("cancelled: " + cancellation.reason());
            }
            runWarnings.addAll(session.meterWarnings());
            listener.step("analysing");
            ExperimentAnalysis analysis = new ExperimentAnalysis(config, session.trace(), records, marks,
                    session.statuses(), session.errorCounts(), session.periodNs(), warmup.stoppedBecause(), runWarnings);
            ResultDocument document = new ResultDocument(studyName, config, environment, session.devices(),
                    process.launch(), wallAnchor, analysis, load.generator(),
                    RunFlops.of(engine, config.engine(), model, analysis.requests().attributed()),
                    RunCarbon.resolve(config), powerLimit == null ? null : powerLimit.toJson());
            ResultFormats.REQUEST_ENERGY.write(dir.resolve(REQUEST_ENERGY_FILE), RequestEnergyRows.of(analysis));
            listener.step(VerifiedResult.write(dir.resolve(RESULT_FILE), document.toJson()));
            return analysis.summary(dir);
        }
    }

    /** A failed check fails this experiment only (the study goes on), with the check's reason. */
    private void preflight(EngineDriver engine, ExperimentConfig config) throws EngineException, InterruptedException {
        try {
            engine.preflight(config.engine(), previousEngine);
        } catch (EngineException e) {
            throw new EngineFailedException(new io.lem.engine.EngineFailure("preflight failed: " + e.getMessage(),
                    "preflight", -1, null, Double.NaN, List.of()));
        }
    }

    private static List<ProcessHandle> tree(long pid) {
        return ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h),
                h.descendants()).toList()).orElse(List.of());
    }
}
