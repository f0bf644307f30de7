package io.lem.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Every setting of lem, with its default (from {@link Defaults}): the single list behind YAML, {@code --set KEY=VALUE},
 * CLI flags (each an alias of a key, same meaning and unit) and the Java builders. Sections: {@code engine},
 * {@code workload} and {@code measurement} make up an experiment (all of them, and only they, enter its config
 * hash); {@code load} holds what only {@code lem load} has (the server, its prompts and arrivals), {@code power}
 * what only {@code lem power} has, and {@code host} where this machine's interfaces are. {@code lem load} and
 * {@code lem power} read the workload and measurement keys they share with studies under the same names.
 */
public final class ConfigSchema {

    /** The sections of an experiment's config (and hash). */
    public static final List<String> EXPERIMENT_SECTIONS = List.of("engine", "workload", "measurement", "gpu",
            "carbon");

    /**
     * Sections of an experiment that change no physics (how its energy is turned into carbon and water): they are
     * recorded in result.json but left out of the config hash, so setting them never makes a new experiment.
     */
    public static final List<String> UNHASHED_SECTIONS = List.of("carbon");

    /** The section of {@link #isSlurmKey}. */
    public static final String SLURM_SECTION = "slurm";

    /**
     * Keys added after config hashes were first published: they enter a hash only when set, so every experiment
     * that does not use them keeps the hash it had (and a study directory stays resumable).
     */
    public static final java.util.Set<String> HASHED_WHEN_SET = java.util.Set.of("gpu.power_limit_w",
            "engine.model_params");

    /**
     * The managed engines whose own section ({@code engine.vllm.max_num_seqs}) passes through to their command line
     * unchecked (issue 9): each driver in lem-engines turns these keys into its engine's flags or environment.
     */
    public static final List<String> MANAGED_ENGINES = List.of("vllm", "sglang", "tgi", "trtllm", "llama_server",
            "ollama");

    private static final SequencedMap<String, ConfigKey> KEYS = new LinkedHashMap<>();
    private static final Map<String, Object> DEFAULTS = new LinkedHashMap<>();

    static {
        add(new ConfigKey.TextKey("engine.type", false, "the engine driver (checked against those on the class path): "
                + "embedded = lem serve (llama.cpp)"), Defaults.ENGINE_TYPE);
        add(new ConfigKey.TextKey("engine.preset", true, "a synthetic model preset: tiny, small, qwen2.5-0.5b, llama-3.2-1b"),
                Defaults.ENGINE_PRESET);
        add(new ConfigKey.TextKey("engine.model", true, "path to a GGUF model file; overrides engine.preset"), null);
        add(new ConfigKey.ChoiceKey("engine.dtype", List.of("f16", "f32"), "weight type of a synthetic model"),
                Defaults.ENGINE_DTYPE);
        add(new ConfigKey.IntKey("engine.parallel", 1, 256, "parallel slots (continuous batching)"),
                (long) Defaults.ENGINE_PARALLEL);
        add(new ConfigKey.IntKey("engine.threads", 1, 1024, "CPU threads for llama.cpp"), (long) Defaults.ENGINE_THREADS);
        add(new ConfigKey.IntKey("engine.ctx", 64, 1 << 20, "context tokens per slot"),
                (long) Defaults.ENGINE_CTX_PER_SLOT);
        add(new ConfigKey.IntKey("engine.batch", 1, 1 << 16, "logical batch size in tokens"), (long) Defaults.ENGINE_BATCH);
        add(new ConfigKey.IntKey("engine.seed", 0, Integer.MAX_VALUE, "seed of the synthetic weights and of sampling"),
                Defaults.ENGINE_SEED);
        add(new ConfigKey.IntKey("engine.port", 0, 65_535,
                "port a managed engine listens on; 0 = a free loopback port per experiment"), 0L);
        add(new ConfigKey.IntKey("engine.model_params", 1, Long.MAX_VALUE, "parameter count of a managed engine's "
                + "model, for the parameter-count FLOPs tier (2 N per token) when no local config.json gives its shape"),
                Defaults.ENGINE_MODEL_PARAMS);
        add(new ConfigKey.TextKey("engine.base_url", true,
                "URL of an engine lem does not start (engine.type external), e.g. http://127.0.0.1:8000"), null);
        add(new ConfigKey.TextKey("engine.docker.image", true,
                "run a managed engine as `docker run IMAGE ...` (container stopped and removed after)"), null);
        add(new ConfigKey.TextKey("engine.docker.gpus", false, "docker run --gpus value: all, or device=0,1"), "all");
        add(new ConfigKey.TextListKey("engine.docker.args", "extra docker run arguments (volumes, --shm-size, ...)"),
                List.of());

        add(new ConfigKey.IntKey("workload.requests", 1, 10_000_000, "measured requests"), (long) Defaults.WORKLOAD_REQUESTS);
        add(new ConfigKey.IntKey("workload.concurrency", 1, 100_000, "requests in flight (closed loop)"),
                (long) Defaults.WORKLOAD_CONCURRENCY);
        add(new ConfigKey.IntKey("workload.input_tokens", 1, 1 << 20, "prompt length in tokens (synthetic prompts)"),
                (long) Defaults.WORKLOAD_INPUT_TOKENS);
        add(new ConfigKey.IntKey("workload.max_output_tokens", 1, 1 << 20, "generated tokens per request (exact)"),
                (long) Defaults.WORKLOAD_MAX_OUTPUT_TOKENS);
        add(new ConfigKey.IntKey("workload.seed", 0, Long.MAX_VALUE, "seed of the prompts"), Defaults.WORKLOAD_SEED);
        add(new ConfigKey.DoubleKey("workload.request_timeout_s", 0.1, 86_400, "seconds before a request times out"),
                Defaults.WORKLOAD_REQUEST_TIMEOUT_S);

        add(new ConfigKey.ListKey("measurement.meters", List.of(),
                "energy meters: auto, or names from `lem meters` (rapl, nvml, process, ...)"), Defaults.METERS);
        add(new ConfigKey.DoubleKey("measurement.sample_rate_hz", 0.01, 1000, "sampling rate of all meters, in Hz"),
                Defaults.SAMPLE_RATE_HZ);
        add(new ConfigKey.DoubleKey("measurement.baseline_s", 0, 86_400, "idle baseline before each experiment; 0 disables"),
                Defaults.BASELINE_S);
        add(new ConfigKey.DoubleKey("measurement.baseline_after_s", 0, 86_400,
                "idle window after the load, to check baseline drift; 0 disables"), Defaults.BASELINE_AFTER_S);
        add(new ConfigKey.IntKey("measurement.warmup_requests", 0, 1_000_000, "warm-up requests, excluded from results"),
                (long) Defaults.WARMUP_REQUESTS);
        add(new ConfigKey.DoubleKey("measurement.warmup_s", 0, 86_400,
                "warm up for at least this many seconds (after the warm-up requests); 0 disables"), Defaults.WARMUP_S);
        add(new ConfigKey.DoubleKey("measurement.warmup_cv", 0, 10,
                "warm up until the CV of the last warmup_cv_window latencies is below this; 0 disables"),
                Defaults.WARMUP_CV);
        add(new ConfigKey.IntKey("measurement.warmup_cv_window", 2, 10_000, "latencies in the warm-up CV window"),
                (long) Defaults.WARMUP_CV_WINDOW);
        add(new ConfigKey.ChoiceKey("measurement.warmup_thermal", List.of("false", "true"),
                "warm up until every temperature gauge changes less than warmup_thermal_c_per_min"),
                Boolean.toString(Defaults.WARMUP_THERMAL));
        add(new ConfigKey.DoubleKey("measurement.warmup_thermal_c_per_min", 0.01, 100,
                "thermal floor: the largest temperature slope that counts as stable"), Defaults.WARMUP_THERMAL_C_PER_MIN);
        add(new ConfigKey.DoubleKey("measurement.warmup_max_s", 1, 86_400,
                "cap on the whole warm-up (duration, convergence and thermal floor)"), Defaults.WARMUP_MAX_S);
        add(new ConfigKey.TextKey("lab.data_dir", true, "where lem lab keeps lab.db and its runs' raw files"
                + " (default: $XDG_DATA_HOME/lem/lab, else ~/.local/share/lem/lab)"), null);
        add(new ConfigKey.DoubleKey("gpu.power_limit_w", 1, 100_000, "power limit set on each of the engine's GPUs "
                + "through NVML before its engine starts, restored after (needs root, like nvidia-smi -pl)"),
                Defaults.GPU_POWER_LIMIT_W);
        // names as io.lem.analysis.carbon.CarbonOptions reads them (config sits below analysis, so spelled out here)
        add(new ConfigKey.DoubleKey("carbon.intensity_g_per_kwh", 0, 1e6,
                "grid carbon intensity in gCO2eq/kWh (0: a zero-carbon supply); overrides carbon.country"), null);
        add(new ConfigKey.TextKey("carbon.country", true,
                "ISO-3166 code (DE, DEU) for lem's bundled country table or the live provider's zone"), null);
        add(new ConfigKey.DoubleKey("carbon.pue", 1, 10, "power usage effectiveness of the facility (1: none)"),
                Defaults.CARBON_PUE);
        add(new ConfigKey.DoubleKey("carbon.wue_l_per_kwh", 0, 1e3,
                "water usage effectiveness in L/kWh; without it no water figure"), null);
        add(new ConfigKey.TextKey("carbon.provider_api_key_env", true,
                "NAME of the environment variable holding an Electricity Maps API key (never the key)"), null);
        LoadKeys.addTo(ConfigSchema::add);
        // a study's Slurm job (lem-slurm): where its runs go, not what they measure, so no experiment key
        add(new ConfigKey.TextKey("slurm.partition", true, "partition of the job array (sbatch --partition)"), null);
        add(new ConfigKey.TextKey("slurm.account", true, "account charged for the job array (sbatch --account)"), null);
        add(new ConfigKey.TextKey("slurm.time", true, "time limit of each task, as sbatch --time takes it (1:00:00)"),
                null);
        add(new ConfigKey.IntKey("slurm.gpus_per_task", 0, 1024, "GPUs bound to each task (sbatch --gpus-per-task)"),
                Defaults.SLURM_GPUS_PER_TASK);
        add(new ConfigKey.IntKey("slurm.max_parallel", 0, 1_000_000,
                "tasks running at once (the array's %K); 0: as many as Slurm allows"), Defaults.SLURM_MAX_PARALLEL);
        add(new ConfigKey.ChoiceKey("slurm.exclusive", List.of("true", "false"),
                "a whole node per task (sbatch --exclusive); false lets other jobs' power into the energy"),
                Boolean.toString(Defaults.SLURM_EXCLUSIVE));
        add(new ConfigKey.DoubleKey("slurm.poll_s", 0.1, 3600, "seconds between the follower's squeue calls"),
                Defaults.SLURM_POLL_S);
    }

    private ConfigSchema() {
    }

    static void add(ConfigKey key, Object defaultValue) {
        KEYS.put(key.name(), key);
        DEFAULTS.put(key.name(), defaultValue);
    }

    /** All keys, in documentation order. */
    public static SequencedMap<String, ConfigKey> keys() {
        return java.util.Collections.unmodifiableSequencedMap(KEYS);
    }

    /** A fresh, mutable map of every experiment key to its default. */
    public static Map<String, Object> defaults() {
        Map<String, Object> experiment = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> {
            if (isExperimentKey(k)) {
                experiment.put(k, v);
            }
        });
        return experiment;
    }

    /** The default of any key (null for none), coerced like a given value. */
    public static Object defaultOf(String name) {
        Object value = DEFAULTS.get(key(name).name());
        return value == null ? null : key(name).coerce(value);
    }

    /**
     * True for {@code engine.<managed engine>.<key>}: a key of a managed engine's own section, kept as written and
     * passed to its driver (it becomes a command-line flag or an environment variable of that engine).
     */
    public static boolean isEngineFlag(String name) {
        if (!name.startsWith("engine.")) {
            return false;
        }
        int dot = name.indexOf('.', "engine.".length());
        return dot > 0 && dot < name.length() - 1 && MANAGED_ENGINES.contains(name.substring("engine.".length(), dot));
    }

    /** True for keys that enter an experiment's config hash: the experiment keys outside {@link #UNHASHED_SECTIONS}. */
    public static boolean isHashedKey(String name) {
        return isExperimentKey(name) && !UNHASHED_SECTIONS.contains(name.substring(0, name.indexOf('.')));
    }

    /** The keys of the {@code slurm:} section: study-level, read with {@code execution.*}, in no config or hash. */
    public static boolean isSlurmKey(String name) {
        return name.startsWith(SLURM_SECTION + ".") && KEYS.containsKey(name);
    }

    /** Whether this key with this value enters a hash: {@link #isHashedKey}, and set if {@link #HASHED_WHEN_SET}. */
    public static boolean entersHash(String name, Object value) {
        return isHashedKey(name) && (value != null || !HASHED_WHEN_SET.contains(name));
    }

    public static boolean isExperimentKey(String name) {
        return name.contains(".") && EXPERIMENT_SECTIONS.contains(name.substring(0, name.indexOf('.')));
    }

    /** Looks a key up, or throws a {@link ConfigException} that lists the section's valid keys. */
    public static ConfigKey key(String name) {
        ConfigKey key = KEYS.get(name);
        if (key == null) {
            String section = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : "";
            List<String> near = KEYS.keySet().stream().filter(k -> !section.isEmpty() && k.startsWith(section)).toList();
            throw new ConfigException(name, "unknown key; fix: use one of "
                    + (near.isEmpty() ? KEYS.keySet() : near));
        }
        return key;
    }
}
