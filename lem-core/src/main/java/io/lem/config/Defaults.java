package io.lem.config;

import java.util.List;

/**
 * Every default of lem in one place, with the reason for each; each is the default of one key of
 * {@link ConfigSchema}. Options reach the code through {@link ExperimentConfig} (a study) or {@link Settings}
 * (lem load, lem power), whether they came from YAML, {@code --set}, CLI flags or the Java API.
 */
public final class Defaults {

    private Defaults() {
    }

    /** The embedded engine: llama.cpp in-process behind {@code lem serve}. */
    public static final String ENGINE_TYPE = "embedded";
    /** ~110M-parameter synthetic llama model: real compute on CPU without a download. */
    public static final String ENGINE_PRESET = "small";
    /** F16 weights, the common serving precision. */
    public static final String ENGINE_DTYPE = "f16";
    public static final int ENGINE_PARALLEL = 1;
    /** llama.cpp decodes fastest with one core left for the server, the client and the sampler (measured). */
    public static final int ENGINE_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    /** Context per slot; total context is this times the parallel slots. */
    public static final int ENGINE_CTX_PER_SLOT = 512;
    public static final int ENGINE_BATCH = 512;
    public static final long ENGINE_SEED = 42;
    /** Unknown unless the study states it: FLOPs come from the model's own shape when lem can read it. */
    public static final Long ENGINE_MODEL_PARAMS = null;
    /** Unset: lem leaves every GPU's power limit as it finds it (setting one needs root). */
    public static final Double GPU_POWER_LIMIT_W = null;

    public static final int WORKLOAD_REQUESTS = 16;
    public static final int WORKLOAD_CONCURRENCY = 1;
    public static final int WORKLOAD_INPUT_TOKENS = 32;
    /** Fixed output length (ignore_eos) so that runs compare per token. */
    public static final int WORKLOAD_MAX_OUTPUT_TOKENS = 32;
    public static final long WORKLOAD_SEED = 42;
    /** Seconds a request may take before it is recorded as a timeout. */
    public static final double WORKLOAD_REQUEST_TIMEOUT_S = 300;

    /** docs/methodology.md: pick the best measured source, else the estimate. */
    public static final List<String> METERS = List.of("auto");
    /** the inference energy protocol: at least 5-10 Hz; 10 Hz keeps the sampler's cost negligible. */
    public static final double SAMPLE_RATE_HZ = 10;
    /** docs/methodology.md: idle window before each experiment (engine up, no requests). */
    public static final double BASELINE_S = 30;
    /** docs/methodology.md: 5 full-length requests warm caches and clocks. */
    public static final int WARMUP_REQUESTS = 5;
    /** The after-run idle window is optional (docs/methodology.md); when set, a drift over 10 % is a warning. */
    public static final double BASELINE_AFTER_S = 0;
    /** Duration-based warm-up is off unless asked for: the request count is the default. */
    public static final double WARMUP_S = 0;
    /** Latency-CV convergence is off unless asked for. */
    public static final double WARMUP_CV = 0;
    public static final int WARMUP_CV_WINDOW = 5;
    /** Thermal floor off by default: it needs a temperature gauge (GPU meters). */
    public static final boolean WARMUP_THERMAL = false;
    /** Stable when temperature moves less than 1 degree C per minute; MLPerf Power waits at least 60 s. */
    public static final double WARMUP_THERMAL_C_PER_MIN = 1.0;
    public static final double WARMUP_THERMAL_MIN_S = 60;
    /** Ten minutes bound every warm-up strategy, so a non-converging run still ends. */
    public static final double WARMUP_MAX_S = 600;

    /** carbon.pue: no facility overhead unless the user states one (said as an assumption in result.json). */
    public static final double CARBON_PUE = 1.0;

    /** lem load: the OpenAI chat API, which every server listed in the README speaks. */
    public static final String LOAD_API = "openai";
    /** lem load: dataset prompts in file order unless asked otherwise is biased; draw without replacement. */
    public static final String LOAD_SAMPLING = "without-replacement";
    public static final String LOAD_PROMPTS_FORMAT = "auto";
    /** lem load: vLLM and SGLang update their gauges about once a second; scraping faster adds nothing. */
    public static final double LOAD_METRICS_INTERVAL_S = 1;
    /** lem power measure: a command is short, like perf stat's; its idle window is short too (a distinct key). */
    public static final double POWER_MEASURE_BASELINE_S = 2;
    /** lem power serve: the port Scaphandre's exporter does not use (it takes 8080). */
    public static final int POWER_SERVE_PORT = 9925;
    /** Linux's powercap sysfs (RAPL counters). */
    public static final String POWERCAP_ROOT = "/sys/class/powercap";
    /** Linux's procfs (CPU times, cpuinfo). */
    public static final String PROC_ROOT = "/proc";

    /** execution.executor: every (point, cycle) run in this JVM, one after another. */
    public static final String EXECUTOR = "local";
    /**
     * slurm.exclusive: a whole node per task, since a node shared with other jobs puts their power into the unit's
     * energy (RAPL and the node's GPUs see every process).
     */
    public static final boolean SLURM_EXCLUSIVE = true;
    /** slurm.gpus_per_task: 0 asks Slurm for no GPU (a CPU-only study). */
    public static final long SLURM_GPUS_PER_TASK = 0;
    /** slurm.max_parallel: 0 leaves the number of tasks running at once to Slurm. */
    public static final long SLURM_MAX_PARALLEL = 0;
    /** slurm.poll_s: how often the follower asks squeue and reads the status files. */
    public static final double SLURM_POLL_S = 5;

    /** Where results go, relative to the working directory. */
    public static final String RESULTS_DIR = "results";
    public static final String STUDY_NAME = "study";
}
