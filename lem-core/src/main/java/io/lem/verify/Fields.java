package io.lem.verify;

/**
 * Every field name the verifier reads, in one place: result.json paths (JSON pointers, printed as dotted figure
 * names), and the keys of requests.jsonl and request_energy.jsonl rows.
 */
final class Fields {

    static final String RESULT_FILE = "result.json";
    static final String STUDY_FILE = "study.json";
    static final String REQUESTS_FILE = "requests.jsonl";
    static final String REQUEST_ENERGY_FILE = "request_energy.jsonl";

    // result.json: windows
    static final String TIMELINE = "/timeline/";
    static final String BASELINE_WINDOW = "baseline";
    static final String MEASURED_WINDOW = "measured";
    static final String STEADY_WINDOW = "steady_state";
    static final String AFTER_WINDOW = "after";
    static final String START_S = "start_s";
    static final String END_S = "end_s";
    static final String DURATION_S = "duration_s";

    // result.json: which domains make up which sum
    static final String TOTAL_IDS = "/methods/total_domain_ids";
    static final String CPU_IDS = "/methods/cpu_domain_ids";
    static final String DRAM_IDS = "/methods/dram_domain_ids";
    static final String GPU_IDS = "/methods/gpu_domain_ids";
    static final String LLM_IDS = "/methods/llm_domain_ids";

    // result.json: energy and baseline
    static final String ENERGY_BY_DOMAIN = "/energy/energy_j_by_domain";
    static final String TOTAL_ENERGY = "/energy/total_energy_j";
    static final String CPU_ENERGY = "/energy/cpu_energy_j";
    static final String DRAM_ENERGY = "/energy/dram_energy_j";
    static final String GPU_ENERGY = "/energy/gpu_energy_j";
    static final String LLM_ENERGY = "/energy/llm_energy_j";
    static final String ACTIVE_RAW = "/energy/active_energy_raw_j";
    static final String ACTIVE = "/energy/active_energy_j";
    static final String ACTIVE_BY_DOMAIN = "/energy/active_energy_j_by_domain";
    static final String BASELINE_BY_DOMAIN = "/baseline/power_w_by_domain";
    static final String BASELINE_POWER = "/baseline/power_w";
    static final String AFTER_POWER = "/baseline/after_power_w";

    // result.json: metrics
    static final String METRICS = "/metrics/";
    static final String OUTPUT_TOKENS = "output_tokens";
    static final String INPUT_TOKENS = "input_tokens";
    static final String TOTAL_TOKENS = "total_tokens";
    static final String DURATION_SEC = "duration_sec";
    static final String INFERENCE_TIME_SEC = "inference_time_sec";
    static final String TOKENS_PER_SECOND = "tokens_per_second";
    static final String TOTAL_TOKENS_PER_SECOND = "total_tokens_per_second";
    static final String METRICS_TOTAL_ENERGY = "total_energy_j";
    static final String JOULES_PER_TOKEN = "joules_per_token";
    static final String TOKENS_PER_JOULE = "tokens_per_joule";
    static final String JOULES_PER_OUTPUT_TOKEN = "joules_per_output_token";
    static final String ACTIVE_JOULES_PER_OUTPUT_TOKEN = "active_joules_per_output_token";
    static final String JOULES_PER_REQUEST = "joules_per_request";
    static final String WH_PER_1000_OUTPUT_TOKENS = "wh_per_1000_output_tokens";
    static final String E2E_PREFIX = "e2e_latency_";
    static final String TTFT_PREFIX = "ttft_";
    static final String TPOT_MS = "tpot_ms";

    // result.json: steady state, attribution, request counts
    static final String STEADY = "/steady_state/";
    static final String STEADY_TOTAL_ENERGY = "total_energy_j";
    static final String STEADY_ACTIVE_ENERGY = "active_energy_j";
    static final String STEADY_OUTPUT_TOKENS = "output_tokens";
    static final String STEADY_JOULES_PER_OUTPUT_TOKEN = "joules_per_output_token";
    static final String TIME_SHARING_SUM = "/attribution/time_sharing_sum_j";
    static final String UNATTRIBUTED = "/attribution/unattributed_j";
    static final String REQUESTS = "/requests/";
    static final String MEASURED = "measured";
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String WARMUP = "warmup";
    /** A verification section already in result.json is output, not input: never read. */
    static final String VERIFICATION = "verification";

    // requests.jsonl
    static final String ID = "id";
    static final String ROW_WARMUP = "warmup";
    static final String STATUS = "status";
    static final String STATUS_OK = "ok";
    static final String SEND_S = "send_s";
    static final String FIRST_TOKEN_S = "first_token_s";
    static final String ROW_END_S = "end_s";
    static final String PROMPT_TOKENS = "prompt_tokens";
    static final String COMPLETION_TOKENS = "completion_tokens";
    static final String TTFT_MS = "ttft_ms";
    static final String E2E_MS = "e2e_ms";
    static final String ROW_TPOT_MS = "tpot_ms";
    static final String CHUNK_MS = "chunk_ms";

    // request_energy.jsonl
    static final String WINDOW_ENERGY = "window_energy_j";
    static final String TTFT_WINDOW_ENERGY = "ttft_window_energy_j";
    static final String DECODE_WINDOW_ENERGY = "decode_window_energy_j";
    static final String TOKEN_PROPORTIONAL = "token_proportional_j";
    static final String TIME_SHARING = "time_sharing_j";

    private Fields() {
    }

    /** The dotted figure name of a JSON pointer: {@code /energy/total_energy_j} → {@code energy.total_energy_j}. */
    static String figure(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
