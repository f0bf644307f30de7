package io.lem.study;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lem.client.OpenAiChatClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.config.ExperimentConfig;
import io.lem.config.WorkloadConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineException;
import io.lem.engine.EngineProcess;
import io.lem.engine.EngineTokenizer;
import io.lem.load.ClosedLoop;
import io.lem.load.SyntheticPrompts;
import io.lem.meter.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.Sampler;
import io.lem.result.AtomicFiles;
import io.lem.result.Environment;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;
import io.lem.result.PowerCsvWriter;

/**
 * Runs one experiment in a fresh engine process: launch, wait for health, open meters, start the sampler, idle
 * baseline, warm-up (excluded), measured closed-loop load, stop, analyse, write result.json. requests.jsonl and
 * power.csv are appended while the experiment runs, so an interruption keeps everything measured so far.
 */
public final class ExperimentRunner {

    public static final String RESULT_FILE = "result.json";
    public static final String REQUESTS_FILE = "requests.jsonl";
    public static final String POWER_FILE = "power.csv";
    public static final String ENGINE_LOG = "engine.log";
    private static final Duration ENGINE_START_TIMEOUT = Duration.ofMinutes(10);

    private final EmbeddedEngine engine;
    private final ModelResolver models;
    private final MeterFactory meters;
    private final Clock clock;
    private final Environment environment;
    private final StudyListener listener;

    public ExperimentRunner(EmbeddedEngine engine, ModelResolver models, MeterFactory meters, Clock clock,
                            Environment environment, StudyListener listener) {
        this.engine = engine;
        this.models = models;
        this.meters = meters;
        this.clock = clock;
        this.environment = environment;
        this.listener = listener;
    }

    /** Resolves the experiment's model (writing a synthetic one if needed) and fails early when it is missing. */
    public Path prepare(ExperimentConfig config) throws IOException {
        return models.resolve(config.engine());
    }

    public ExperimentSummary run(String studyName, ExperimentConfig config, Path dir)
            throws IOException, EngineException, MeterException, InterruptedException {
        Path model = prepare(config);
        listener.step("starting engine (" + model.getFileName() + ", " + config.engine().parallel() + " slots, "
                + config.engine().threads() + " threads)");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (EngineProcess process = EngineProcess.start(engine.launch(config.engine(), model, dir.resolve(ENGINE_LOG)))) {
            process.awaitHealthy(http, ENGINE_START_TIMEOUT);
            WorkloadConfig workload = config.workload();
            int warmups = config.measurement().warmupRequests();
            listener.step("preparing " + (warmups + workload.requests()) + " prompts of " + workload.inputTokens()
                    + " tokens");
            List<String> prompts = SyntheticPrompts.generate(warmups + workload.requests(), workload.inputTokens(),
                    workload.seed(), new EngineTokenizer(http, process.baseUrl()));
            List<PromptRequest> warmupRequests = new ArrayList<>();
            List<PromptRequest> measuredRequests = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                PromptRequest request = new PromptRequest(i, i < warmups, prompts.get(i), workload.maxOutputTokens(),
                        config.engine().seed());
                (request.warmup() ? warmupRequests : measuredRequests).add(request);
            }
            OpenAiChatClient client = new OpenAiChatClient(http, process.baseUrl(), model.getFileName().toString(),
                    clock, Duration.ofMillis((long) (workload.requestTimeoutS() * 1000)));

            MeterFactory.Opened opened = meters.open(config.measurement().meters(), process.pid());
            long anchorNs = clock.nanoTime();
            Instant wallAnchor = Instant.now();
            List<RequestRecord> records = new ArrayList<>();
            Marks marks;
            Sampler sampler;
            try (PowerCsvWriter powerCsv = new PowerCsvWriter(dir.resolve(POWER_FILE), anchorNs);
                 JsonlWriter requestsJsonl = new JsonlWriter(dir.resolve(REQUESTS_FILE))) {
                sampler = new Sampler(opened.meters(), clock, config.measurement().sampleRateHz(), List.of(powerCsv));
                try {
                    sampler.start();
                    long baselineStart = clock.nanoTime();
                    if (config.measurement().baselineS() > 0) {
                        listener.step(String.format(java.util.Locale.ROOT, "idle baseline %.0f s",
                                config.measurement().baselineS()));
                        Thread.sleep(Duration.ofNanos((long) (config.measurement().baselineS() * 1e9)));
                    }
                    long baselineEnd = clock.nanoTime();
                    listener.step("warm-up: " + warmups + " requests (excluded)");
                    RequestRows rows = new RequestRows(requestsJsonl, anchorNs);
                    records.addAll(ClosedLoop.run(client, warmupRequests, workload.concurrency(), rows::append));
                    long warmupEnd = clock.nanoTime();
                    listener.step("measured: " + workload.requests() + " requests, concurrency "
                            + workload.concurrency() + ", " + workload.maxOutputTokens() + " output tokens each");
                    List<RequestRecord> measured = ClosedLoop.run(client, measuredRequests, workload.concurrency(),
                            rows::append);
                    records.addAll(measured);
                    long measuredStart = measured.stream().mapToLong(RequestRecord::sendNs).min().orElse(warmupEnd);
                    long measuredEnd = measured.stream().mapToLong(RequestRecord::endNs).max().orElse(clock.nanoTime());
                    marks = new Marks(anchorNs, baselineStart, baselineEnd, baselineEnd, warmupEnd, measuredStart,
                            measuredEnd);
                } finally {
                    sampler.close();
                    opened.meters().forEach(Meter::close);
                }
            }
            listener.step("analysing");
            ExperimentAnalysis analysis = new ExperimentAnalysis(config, sampler.trace(), records, marks,
                    opened.statuses(), sampler.errorCounts(), sampler.periodNs());
            ResultDocument document = new ResultDocument(studyName, config, environment, process.launch(), wallAnchor,
                    analysis);
            AtomicFiles.write(dir.resolve(RESULT_FILE), Json.pretty().writeValueAsBytes(document.toJson()));
            return analysis.summary(dir);
        }
    }
}
