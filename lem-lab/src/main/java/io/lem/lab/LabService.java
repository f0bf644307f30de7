package io.lem.lab;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lem.analysis.carbon.CarbonIntensity;
import io.lem.analysis.carbon.CountryIntensityTable;
import io.lem.config.ConfigException;

/**
 * What the page and the API do, apart from HTTP: queue runs, batches and calibrations, measure each run, keep the
 * reports and benchmarks, and answer the session's questions.
 */
public final class LabService implements AutoCloseable {

    public static final String LIVE_DYNAMIC = "rapl_live_dynamic";
    public static final String CALIBRATED_PREFIX = "rapl_calibrated_";
    public static final int MAX_BATCH_RUNS = 100;

    private final LabEngine engine;
    private final RunMeasurer measurer;
    private final LabStore store;
    private final Path runsDir;
    private final JobQueue queue;
    private final List<Benchmark> references = ReferenceTables.load();
    private final CountryIntensityTable countries = CountryIntensityTable.bundled();
    // the page's country list never changes while the Lab runs: its rows are built once, not per request
    private final List<Map<String, Object>> countryRows = InfoRoutes.countries(countries);

    public LabService(LabEngine engine, RunMeasurer measurer, LabStore store, Path dataDir) {
        this.engine = engine;
        this.measurer = measurer;
        this.store = store;
        this.runsDir = dataDir.resolve("runs");
        this.queue = new JobQueue(this::work);
    }

    public LabEngine engine() {
        return engine;
    }

    public LabStore store() {
        return store;
    }

    public Job job(String id) {
        return queue.job(id);
    }

    public Job submit(String session, String kind, Composition c, int runs) {
        if (runs < 1 || runs > MAX_BATCH_RUNS) {
            throw new ConfigException("runs", runs + " is out of range; fix: use 1.." + MAX_BATCH_RUNS);
        }
        Job job = new Job(UUID.randomUUID().toString(), session, kind, c, runs);
        queue.submit(job);
        return job;
    }

    /** Every benchmark: the published tables, then custom, calibrated and live ones. */
    public List<Benchmark> benchmarks() {
        List<Benchmark> all = new ArrayList<>(references);
        all.addAll(store.benchmarks());
        return all;
    }

    public Benchmark benchmark(String name) {
        return benchmarks().stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    public CountryIntensityTable countries() {
        return countries;
    }

    /** Every row of the country table in its CSV order, as /api/emissions serves them. */
    List<Map<String, Object>> countryRows() {
        return countryRows;
    }

    /** The session's grid, or null when it chose none. */
    public CarbonIntensity carbon(SessionSettings s) {
        if (s.carbonGPerKwh() != null) {
            return new CarbonIntensity(s.carbonGPerKwh(), "custom", "custom", "custom factor set in this session",
                    List.of());
        }
        return s.country() == null ? null : countries.intensity(s.country()).orElse(null);
    }

    public SessionSettings settings(String session) {
        return store.session(session).map(SessionSettings::fromJson).orElse(SessionSettings.DEFAULT);
    }

    private void work(Job job) throws Exception {
        SessionSettings settings = settings(job.session());
        List<Map<String, Object>> completed = new ArrayList<>();
        if (engine.pid() < 0) {
            warmUp(job);
        }
        long startNs = System.nanoTime();
        for (int i = 0; i < job.runs() && !job.cancelled(); i++) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("index", i);
            progress.put("of", job.runs());
            progress.put("completed", completed.size());
            double perRunS = i == 0 ? Double.NaN : (System.nanoTime() - startNs) / 1e9 / i;
            progress.put("eta_s", LabMaps.num(perRunS * (job.runs() - i)));
            job.emit("progress", progress);
            Map<String, Object> report = runOne(job, i, settings);
            job.emit("run", report);
            if ("ok".equals(report.get("status"))) {
                completed.add(report);
            }
        }
        // always, also after a cancel or a failed run: the statistics of what completed
        Map<String, Object> summary = BatchStats.summary(completed, job.runs(), job.cancelled());
        job.emit("summary", summary);
        if (job.kind().equals("calibrate")) {
            Benchmark b = Calibration.benchmark(CALIBRATED_PREFIX + job.composition().model(), completed);
            if (b != null) {
                store.putBenchmark(b);
                job.emit("benchmark", b.toJson());
                summary.put("benchmark", b.toJson());
            }
        }
        job.state(job.cancelled() ? "cancelled" : "done", summary);
    }

    /**
     * One unmeasured token before the baseline, so that a server that loads models on demand (Ollama) loads it now
     * and never inside a measured window; its load time is reported on its own.
     */
    private void warmUp(Job job) {
        Composition c = job.composition();
        Composition one = new Composition(c.model(), c.query(), "", "", List.of(), false, c.temperature(), 1, c.seed());
        ChatExchange x = stream().send(one, (text, thinking) -> { }, job::cancelled);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("duration_s", (x.endNs() - x.sendNs()) / 1e9);
        w.put("load_duration_ms", x.engineTimings() != null && x.engineTimings().loadDurationNs() >= 0
                ? x.engineTimings().loadDurationNs() / 1e6 : null);
        w.put("error", x.error());
        w.put("note", "one unmeasured token so that a model load happens before the baseline, outside every window");
        job.emit("warmup", w);
    }

    private ChatStream stream() {
        return new ChatStream(engine.http(), engine.baseUrl(), engine.api(), io.lem.time.Clock.system(),
                java.time.Duration.ofMinutes(10));
    }

    private Map<String, Object> runOne(Job job, int index, SessionSettings settings) throws Exception {
        String runId = job.id() + "-" + index;
        RunMeasurer.Events events = new RunMeasurer.Events() {
            @Override
            public void event(String type, Map<String, Object> data) {
                job.emit(type, data);
            }

            @Override
            public void text(String chunk, boolean thinking) {
                job.emit("chunk", LabMaps.of("text", chunk, "thinking", thinking));
            }
        };
        RunMeasurer.Measured m = measurer.measure(stream(), job.composition(), engine.pid(), runsDir.resolve(runId),
                events, job::cancelled);
        Benchmark benchmark = benchmark(settings.benchmark());
        Map<String, Object> report = RunReport.of(runId, job.id(), index, Instant.now().toString(), job.composition(),
                m, engine, benchmark, carbon(settings));
        job.emit("measurement", measurementEvent(report));
        store.putRun(runId, job.session(), (String) report.get("created"), LabJson.write(report));
        if (m.measured() && m.exchange().ok()) {
            Benchmark live = Calibration.benchmark(LIVE_DYNAMIC, List.of(report));
            if (live != null) {
                store.putBenchmark(live);
            }
        }
        return report;
    }

    private static Map<String, Object> measurementEvent(Map<String, Object> report) {
        Map<String, Object> e = new LinkedHashMap<>();
        for (String k : List.of("mode", "estimated", "estimate_label", "prefill_j", "decode_j", "total_j",
                "active_total_j", "wh_per_1000_output_tokens", "e_llm_j", "m_eff_j", "gpu_energy_j")) {
            e.put(k, report.get(k));
        }
        return e;
    }

    @Override
    public void close() {
        queue.close();
    }
}
