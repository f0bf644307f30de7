package io.lem.result;

/**
 * Every key of result.json, in one place: the writer (io.lem.study.ResultDocument) and the reader ({@link
 * ResultJson}) both use these. Keys are grouped by the section they first appear in; many recur in others
 * ({@code total_energy_j} is under energy, steady_state and metrics).
 */
public final class ResultFields {

    // top-level sections
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String STUDY_NAME = "study_name";
    public static final String EXPERIMENT = "experiment";
    public static final String ENVIRONMENT = "environment";
    public static final String ENGINE = "engine";
    public static final String METHODS = "methods";
    public static final String TIMELINE = "timeline";
    public static final String BASELINE = "baseline";
    public static final String ENERGY = "energy";
    public static final String STEADY_STATE = "steady_state";
    public static final String PHASES = "phases";
    public static final String ATTRIBUTION = "attribution";
    public static final String METRICS = "metrics";
    public static final String LATENCY = "latency";
    public static final String TELEMETRY = "telemetry";
    public static final String REQUESTS = "requests";
    public static final String WARNINGS = "warnings";
    public static final String LOAD_GENERATOR = "load_generator";

    // experiment
    public static final String INDEX = "index";
    public static final String SLUG = "slug";
    public static final String CONFIG_HASH = "config_hash";
    public static final String CONFIG = "config";

    // environment
    public static final String CPU_MODEL = "cpu_model";
    public static final String SOCKETS = "sockets";
    public static final String LOGICAL_CPUS = "logical_cpus";
    public static final String RAM_BYTES = "ram_bytes";
    public static final String OS = "os";
    public static final String KERNEL = "kernel";
    public static final String JVM = "jvm";
    public static final String LEM_VERSION = "lem_version";
    public static final String LEM_GIT_COMMIT = "lem_git_commit";
    public static final String GPUS = "gpus";

    // engine
    public static final String NAME = "name";
    public static final String BASE_URL = "base_url";
    public static final String COMMAND = "command";

    // methods
    public static final String AVAILABLE = "available";
    public static final String USED = "used";
    public static final String REASON = "reason";
    public static final String FIX = "fix";
    public static final String METERS = "meters";
    public static final String ID = "id";
    public static final String KIND = "kind";
    public static final String METHOD = "method";
    public static final String ESTIMATED = "estimated";
    public static final String SOURCE = "source";
    public static final String SAMPLES_IN_MEASURED_WINDOW = "samples_in_measured_window";
    public static final String MAX_GAP_S = "max_gap_s";
    public static final String DOMAINS = "domains";
    public static final String SAMPLE_RATE_HZ = "sample_rate_hz";
    public static final String SAMPLES_TOTAL = "samples_total";
    public static final String TOTAL_ENERGY_DOMAINS = "total_energy_domains";
    public static final String TOTAL_DOMAIN_IDS = "total_domain_ids";
    public static final String CPU_DOMAIN_IDS = "cpu_domain_ids";
    public static final String DRAM_DOMAIN_IDS = "dram_domain_ids";
    public static final String GPU_DOMAIN_IDS = "gpu_domain_ids";
    public static final String LLM_DOMAIN_IDS = "llm_domain_ids";
    public static final String TOTAL_ESTIMATED = "total_estimated";
    public static final String DOMAIN_NOTES = "domain_notes";
    public static final String ENERGY_WINDOW = "energy_window";
    public static final String ACTIVE_ENERGY = "active_energy";
    public static final String LATENCY_PER_TOKEN_DEFINITION = "latency_per_token_definition";
    public static final String TPOT_DEFINITION = "tpot_definition";

    // timeline
    public static final String WALL_CLOCK_ANCHOR = "wall_clock_anchor";
    public static final String CLOCK = "clock";
    public static final String WARMUP = "warmup";
    public static final String MEASURED = "measured";
    public static final String AFTER = "after";
    public static final String WARMUP_STOPPED_BECAUSE = "warmup_stopped_because";

    // window
    public static final String START_S = "start_s";
    public static final String END_S = "end_s";
    public static final String DURATION_S = "duration_s";

    // baseline
    public static final String POWER_W = "power_w";
    public static final String POWER_W_BY_DOMAIN = "power_w_by_domain";
    public static final String AFTER_DURATION_S = "after_duration_s";
    public static final String AFTER_POWER_W = "after_power_w";
    public static final String DRIFT = "drift";

    // energy
    public static final String WINDOW = "window";
    public static final String TOTAL_ENERGY_J = "total_energy_j";
    public static final String ACTIVE_ENERGY_J = "active_energy_j";
    public static final String ACTIVE_ENERGY_RAW_J = "active_energy_raw_j";
    public static final String CPU_ENERGY_J = "cpu_energy_j";
    public static final String DRAM_ENERGY_J = "dram_energy_j";
    public static final String GPU_ENERGY_J = "gpu_energy_j";
    public static final String LLM_ENERGY_J = "llm_energy_j";
    public static final String LLM_ENERGY_ESTIMATED = "llm_energy_estimated";
    public static final String ENERGY_J_BY_DOMAIN = "energy_j_by_domain";
    public static final String ACTIVE_ENERGY_J_BY_DOMAIN = "active_energy_j_by_domain";
    public static final String GPU_COUNTER_VS_POWER = "gpu_counter_vs_power";

    // steadyState
    public static final String RULE = "rule";
    public static final String OUTPUT_TOKENS = "output_tokens";
    public static final String OUTPUT_TOKENS_METHOD = "output_tokens_method";
    public static final String JOULES_PER_OUTPUT_TOKEN = "joules_per_output_token";
    public static final String ACTIVE_JOULES_PER_OUTPUT_TOKEN = "active_joules_per_output_token";
    public static final String TOKENS_PER_SECOND = "tokens_per_second";
    public static final String NOT_APPLICABLE_BECAUSE = "not_applicable_because";
    public static final String BATCH_LIMIT_WINDOW = "batch_limit_window";

    // attribution
    public static final String FILE = "file";
    public static final String TOKEN_PROPORTIONAL = "token_proportional";
    public static final String TIME_SHARING = "time_sharing";
    public static final String INTERVALS_ACTIVE_ENERGY_J = "intervals_active_energy_j";
    public static final String TIME_SHARING_SUM_J = "time_sharing_sum_j";
    public static final String UNATTRIBUTED_J = "unattributed_j";
    public static final String CHECK = "check";
    public static final String CHECK_RELATIVE_DIFFERENCE = "check_relative_difference";

    // phases
    public static final String ENERGY_J = "energy_j";
    public static final String DEFINITION = "definition";

    // metrics
    public static final String TOTAL_TOKENS = "total_tokens";
    public static final String INPUT_TOKENS = "input_tokens";
    public static final String INFERENCE_TIME_SEC = "inference_time_sec";
    public static final String TOTAL_TOKENS_PER_SECOND = "total_tokens_per_second";
    public static final String LATENCY_PER_TOKEN_MS = "latency_per_token_ms";
    public static final String GPU_POWER_W = "gpu_power_w";
    public static final String CPU_POWER_W = "cpu_power_w";
    public static final String DURATION_SEC = "duration_sec";
    public static final String JOULES_PER_TOKEN = "joules_per_token";
    public static final String TOKENS_PER_JOULE = "tokens_per_joule";
    public static final String JOULES_PER_REQUEST = "joules_per_request";
    public static final String WH_PER_1000_OUTPUT_TOKENS = "wh_per_1000_output_tokens";
    public static final String FLOPS_TOTAL = "flops_total";
    public static final String FLOPS_PER_SECOND = "flops_per_second";
    public static final String FLOPS_METHOD = "flops_method";
    public static final String FLOPS_CONFIDENCE = "flops_confidence";
    // FLOPs and carbon (issue 9)
    public static final String FLOPS_PREFILL = "flops_prefill";
    public static final String FLOPS_DECODE = "flops_decode";
    public static final String FLOPS_PER_JOULE = "flops_per_joule";
    public static final String FLOPS_PER_OUTPUT_TOKEN = "flops_per_output_token";
    public static final String FLOPS_ASSUMPTIONS = "flops_assumptions";
    public static final String FLOPS_UNAVAILABLE_REASON = "flops_unavailable_reason";
    public static final String ARCHITECTURE = "architecture";
    /** methods.model_params: the parameter count behind parameter-count-tier FLOPs; null for any other tier. */
    public static final String MODEL_PARAMS = "model_params";
    public static final String LAYERS = "layers";
    public static final String HIDDEN_SIZE = "hidden_size";
    public static final String HEADS = "heads";
    public static final String KV_HEADS = "kv_heads";
    public static final String FFN_SIZE = "ffn_size";
    public static final String VOCAB_SIZE = "vocab_size";
    public static final String GATED = "gated";
    public static final String TIED_EMBEDDINGS = "tied_embeddings";
    public static final String ASSUMPTIONS = "assumptions";
    public static final String CARBON = "carbon";
    /** The GPU power limit lem set for the experiment (gpu.power_limit_w); null when it left the limit alone. */
    public static final String GPU_POWER_LIMIT = "gpu_power_limit";
    public static final String INTENSITY_G_PER_KWH = "intensity_g_per_kwh";
    public static final String INTENSITY_SOURCE = "intensity_source";
    public static final String INTENSITY_LABEL = "intensity_label";
    public static final String ZONE = "zone";
    public static final String PUE = "pue";
    public static final String WUE_L_PER_KWH = "wue_l_per_kwh";
    public static final String FORMULA = "formula";
    public static final String CO2_G = "co2_g";
    public static final String WATER_L = "water_l";
    public static final String ACTIVE_CO2_G = "active_co2_g";
    public static final String ACTIVE_WATER_L = "active_water_l";
    public static final String CO2_G_PER_REQUEST = "co2_g_per_request";
    public static final String WATER_L_PER_REQUEST = "water_l_per_request";
    public static final String CO2_G_PER_1K_OUTPUT_TOKENS = "co2_g_per_1k_output_tokens";
    public static final String WATER_L_PER_1K_OUTPUT_TOKENS = "water_l_per_1k_output_tokens";
    public static final String TPOT_MS = "tpot_ms";
    public static final String E2E_LATENCY_MEAN_MS = "e2e_latency_mean_ms";
    public static final String E2E_LATENCY_MEDIAN_MS = "e2e_latency_median_ms";
    public static final String E2E_LATENCY_P95_MS = "e2e_latency_p95_ms";
    public static final String E2E_LATENCY_P99_MS = "e2e_latency_p99_ms";
    public static final String TTFT_MEAN_MS = "ttft_mean_ms";
    public static final String TTFT_MEDIAN_MS = "ttft_median_ms";
    public static final String TTFT_P95_MS = "ttft_p95_ms";
    public static final String TTFT_P99_MS = "ttft_p99_ms";
    public static final String TOKEN_EFFICIENCY_INDEX = "token_efficiency_index";
    public static final String TOKENS_PER_GB_VRAM = "tokens_per_gb_vram";
    public static final String MODEL_MEMORY_UTILISATION = "model_memory_utilisation";
    public static final String KV_CACHE_MEMORY_RATIO = "kv_cache_memory_ratio";
    public static final String SM_UTILISATION_MEAN = "sm_utilisation_mean";
    public static final String MEMORY_BANDWIDTH_UTILISATION = "memory_bandwidth_utilisation";
    public static final String EFFECTIVE_BATCH_SIZE = "effective_batch_size";
    public static final String BATCH_UTILISATION = "batch_utilisation";
    public static final String PADDING_OVERHEAD = "padding_overhead";
    public static final String KV_CACHE_HIT_RATE = "kv_cache_hit_rate";
    public static final String KV_CACHE_BLOCKS_USED = "kv_cache_blocks_used";
    public static final String KV_CACHE_BLOCKS_TOTAL = "kv_cache_blocks_total";

    // latency
    public static final String TTFT = "ttft";
    public static final String TPOT = "tpot";
    public static final String E2E = "e2e";

    // telemetry
    public static final String SAMPLES = "samples";
    public static final String MEAN = "mean";
    public static final String MIN = "min";
    public static final String MAX = "max";

    // requests
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String ERROR_RATE = "error_rate";

    private ResultFields() {
    }
}
