package io.lem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import io.lem.config.ExperimentConfig;
import io.lem.config.PowerOptions;
import io.lem.plan.StudyConfig;
import io.lem.engine.EngineException;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.load.LoadOptions;
import io.lem.time.Clock;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.SysfsReader;
import io.lem.result.Environment;
import io.lem.meter.nvml.NvmlOptions;
import io.lem.study.ExperimentRunner;
import io.lem.study.ExperimentSummary;
import io.lem.study.LoadListener;
import io.lem.study.LoadResult;
import io.lem.study.LoadRunner;
import io.lem.measure.MeterFactory;
import io.lem.measure.PowerLog;
import io.lem.measure.PowerMeasure;
import io.lem.plan.DryRun;
import io.lem.study.Executor;
import io.lem.study.LocalExecutor;
import io.lem.study.StudyListener;
import io.lem.study.StudyOptions;
import io.lem.study.StudyResult;
import io.lem.study.StudyRunner;
import io.lem.study.TimeEstimate;

/**
 * lem's library entry point; each CLI command is parse, options, one call here, render:
 * <pre>{@code
 * Lem lem = Lem.builder().build();
 * StudyResult study = lem.runStudy(StudyLoader.load(Path.of("study.yaml"), Map.of()), Path.of("results/s1"),
 *         StudyOptions.DEFAULT.withSlo(Slo.parse("ttft_p50:500 itl_p50:50")));
 * DryRun plan = lem.dryRun(StudyLoader.load(Path.of("study.yaml"), Map.of()));
 * LoadResult load = lem.load(LoadOptions.builder().endpoint(URI.create("http://127.0.0.1:8000")).model("m")
 *         .prompts(Path.of("q.txt")).concurrency(4).requests(100).output(Path.of("out")).build(), LoadListener.NONE);
 * PowerMeasure.Result energy = lem.measure(PowerOptions.of(Map.of()), List.of("python3", "train.py"));
 * }</pre>
 * Methods throw ({@link io.lem.config.ConfigException} for a bad setting, {@link MeterException},
 * {@link EngineException}, {@link IOException}); none prints or exits.
 */
public final class Lem {

    private final EngineDrivers engines;
    private final MeterFactory meters;
    private final Clock clock;
    private final StudyListener listener;
    private final Path lemHome;
    private final Path procRoot;
    private final Executor executor;
    private final NvmlOptions nvml;

    private Lem(Builder b) {
        this.nvml = b.nvml;
        this.executor = b.executor;
        this.engines = b.engines;
        this.meters = b.meters != null ? b.meters : io.lem.measure.LocalMeters.factory(b.powercapRoot, b.procRoot);
        this.clock = b.clock;
        this.listener = b.listener;
        this.lemHome = b.lemHome;
        this.procRoot = b.procRoot;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs a study into a new directory under {@value io.lem.config.Defaults#RESULTS_DIR}. */
    public StudyResult runStudy(StudyConfig study) throws IOException {
        return runStudy(study, StudyRunner.newStudyDir(Path.of(io.lem.config.Defaults.RESULTS_DIR), study.studyName()),
                StudyOptions.DEFAULT);
    }

    /** Runs (or resumes) a study into {@code studyDir}. */
    public StudyResult runStudy(StudyConfig study, Path studyDir) throws IOException {
        return runStudy(study, studyDir, StudyOptions.DEFAULT);
    }

    /**
     * Runs (or resumes, when {@code studyDir} holds a manifest.json) a study: every (point, cycle) run through
     * the executor, then study.json with the statistics. Returns normally also when the study paused (circuit
     * breaker) or was interrupted: {@link StudyResult#state()} says so.
     */
    public StudyResult runStudy(StudyConfig study, Path studyDir, StudyOptions options) throws IOException {
        return studyRunner().run(study, studyDir, options);
    }

    /**
     * Readies {@code studyDir} for runs that execute elsewhere (lem-slurm's job array): the manifest of a new or
     * resumed study, a directory for every run still to do. See {@link StudyRunner#open}.
     */
    public io.lem.study.StudyManifest openStudy(StudyConfig study, Path studyDir) throws IOException {
        return studyRunner().open(study, studyDir);
    }

    /** Runs one run of an opened study, from its manifest alone (lem run-unit). See {@link StudyRunner#runUnit}. */
    public io.lem.study.UnitOutcome runUnit(Path studyDir, int runIndex) throws IOException {
        io.lem.study.StudyManifest manifest = io.lem.study.StudyManifest.read(studyDir);
        if (runIndex < 0 || runIndex >= manifest.runs().size()) {
            throw new io.lem.config.ConfigException("--unit", runIndex + " is not a run of " + studyDir + "; fix: give "
                    + "0 to " + (manifest.runs().size() - 1) + " (the manifest's runs, in order)");
        }
        return studyRunner().runUnit(manifest, studyDir, runIndex);
    }

    /** Records how an opened study's runs ended; writes manifest.json and study.json. See {@link StudyRunner#close}. */
    public StudyResult closeStudy(StudyConfig study, Path studyDir, java.util.Map<Integer, io.lem.study.UnitOutcome> ended,
                                  StudyOptions options, String state, String message) throws IOException {
        return studyRunner().close(study, studyDir, ended, options, state, message);
    }

    /**
     * Adds an opened adaptive study's next cycle, once the runs before it have ended: the runs now pending are the
     * ones to submit; 0 when no point needs another. See {@link StudyRunner#addAdaptiveCycle}.
     */
    public int addAdaptiveCycle(StudyConfig study, Path studyDir, StudyOptions options) throws IOException {
        return studyRunner().addAdaptiveCycle(study, studyDir, options);
    }

    private StudyRunner studyRunner() {
        ExperimentRunner runner = experimentRunner();
        return new StudyRunner(runner, executor != null ? executor : new LocalExecutor(runner), listener);
    }

    /** What {@code lem run --dry-run} shows: points, hashes, run order and a time estimate; nothing runs. */
    public DryRun dryRun(StudyConfig study) {
        return DryRun.of(study.plan(), new TimeEstimate());
    }

    /** Runs one experiment of {@code studyName} into {@code dir}: a fresh engine, baseline, warm-up, load, results. */
    public ExperimentSummary runExperiment(String studyName, ExperimentConfig experiment, Path dir)
            throws IOException, EngineException, MeterException, InterruptedException {
        return experimentRunner().run(studyName, experiment, dir);
    }

    /** Loads a running server as {@code options} say and writes the run's files into {@code options.output()}. */
    public LoadResult load(LoadOptions options, LoadListener progress)
            throws IOException, InterruptedException, MeterException {
        return new LoadRunner(meters, clock).run(options, progress);
    }

    /** The energy of a command, like {@code perf stat}: idle baseline, then the command until it exits. */
    public PowerMeasure.Result measure(PowerOptions options, List<String> command)
            throws IOException, InterruptedException, MeterException {
        return powerMeasure(options).run(command);
    }

    /** The energy of a piece of Java work, with this JVM as the measured process. */
    public <T> PowerMeasure.Measured<T> measure(PowerOptions options, Callable<T> work) throws Exception {
        return powerMeasure(options).call(work);
    }

    /** Logs every meter into {@code options.output()} (the power.csv format) until {@code stop} returns. */
    public PowerLog.Result log(PowerOptions options, PowerLog.Stop stop)
            throws IOException, InterruptedException, MeterException {
        if (options.output() == null) {
            throw new io.lem.config.ConfigException("--output", "missing: give the CSV file to write, e.g. --output"
                    + " power.csv (power.output)");
        }
        try (MeterSelection selection = meters(options)) {
            return PowerLog.run(selection, clock, options.intervalS(), options.output(), stop);
        }
    }

    /** Opens the meters {@code options} name on this machine (the caller closes them). */
    public MeterSelection meters(PowerOptions options) throws MeterException {
        return MeterSelector.withDiscoveredProviders().select(options.meters(), context(options));
    }

    private PowerMeasure powerMeasure(PowerOptions options) {
        return new PowerMeasure(MeterSelector.withDiscoveredProviders(), context(options), options.meters(),
                options.intervalS(), options.baselineS(), clock);
    }

    private static MeterContext context(PowerOptions options) {
        return new MeterContext(options.powercapRoot(), options.procRoot(), OptionalInt.empty(), null,
                SysfsReader.files());
    }

    private ExperimentRunner experimentRunner() {
        return new ExperimentRunner(engines, meters, clock,
                Environment.probe(procRoot, lemHome), listener, nvml);
    }

    public static final class Builder {
        private EngineDrivers engines = EngineDrivers.discover();
        private MeterFactory meters;
        private Clock clock = Clock.system();
        private StudyListener listener = StudyListener.NONE;
        private Path lemHome;
        private Path powercapRoot = Path.of(io.lem.config.Defaults.POWERCAP_ROOT);
        private Path procRoot = Path.of(io.lem.config.Defaults.PROC_ROOT);
        private Executor executor;
        private NvmlOptions nvml = NvmlOptions.system();

        private Builder() {
        }

        /** How {@code gpu.power_limit_w} reaches NVML; default: the environment's (LEM_NVML_LIB, LEM_NVML_GPUS). */
        public Builder nvml(NvmlOptions nvml) {
            this.nvml = nvml;
            return this;
        }

        /** Runs each (point, cycle) of a study with this executor; default: {@link LocalExecutor}, in this JVM. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Runs experiments of this driver's {@code engine.type} with it, in place of the one found on the class path
         * (default: the drivers in {@code META-INF/services/io.lem.engine.EngineDriver}, e.g. lem-llamacpp's).
         */
        public Builder engine(EngineDriver driver) {
            this.engines = engines.with(driver);
            return this;
        }

        /** Opens meters per experiment or load run; default: this machine's meters under the roots below. */
        public Builder meters(MeterFactory meters) {
            this.meters = meters;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(StudyListener listener) {
            this.listener = listener;
            return this;
        }

        /** lem's checkout, to record its git commit in results; null to leave it out. */
        public Builder lemHome(Path lemHome) {
            this.lemHome = lemHome;
            return this;
        }

        public Builder powercapRoot(Path powercapRoot) {
            this.powercapRoot = powercapRoot;
            return this;
        }

        public Builder procRoot(Path procRoot) {
            this.procRoot = procRoot;
            return this;
        }

        public Lem build() {
            return new Lem(this);
        }
    }
}
