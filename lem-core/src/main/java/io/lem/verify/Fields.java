package io.lem.verify;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every field name the verifier reads, in one place: result.json paths (JSON pointers, printed as dotted figure
 * names); the rows of requests.jsonl and request_energy.jsonl are read through the shared readers, whose
 * formats name their keys.
 */
final class Fields {

    static final String RESULT_FILE = "result.json";
    /** lem load's report. */
    static final String SUMMARY_FILE = "summary.json";
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

    // which domains make up which sum: under result.json's methods, or summary.json's energy
    static final String METHODS = "/methods/";
    static final String TOTAL_DOMAIN_IDS = "total_domain_ids";
    static final String CPU_DOMAIN_IDS = "cpu_domain_ids";
    static final String DRAM_DOMAIN_IDS = "dram_domain_ids";
    static final String GPU_DOMAIN_IDS = "gpu_domain_ids";
    static final String LLM_DOMAIN_IDS = "llm_domain_ids";
    static final String TOTAL_IDS = METHODS + TOTAL_DOMAIN_IDS;

    // result.json and summary.json: energy
    static final String ENERGY_SECTION = "/energy";
    static final String ENERGY = ENERGY_SECTION + "/";
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
    static final String METRICS_SECTION = "/metrics";
    static final String METRICS = METRICS_SECTION + "/";
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
    static final String FLOPS_PREFILL = "flops_prefill";
    static final String FLOPS_DECODE = "flops_decode";
    static final String FLOPS_TOTAL = "flops_total";
    /** The model shape lem run recorded for its FLOPs. */
    static final String ARCHITECTURE = "/methods/architecture";
    static final String MODEL_PARAMS = "/methods/model_params";

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

    // summary.json (lem load): its energy section names its own windows and domains; metrics are nested
    static final String LOAD_WINDOW = "/energy/window";
    static final String LOAD_BASELINE_WINDOW = "/energy/baseline_window";
    static final String LOAD_DURATION = "/energy/duration_s";
    static final String LOAD_IDLE_BY_DOMAIN = "/energy/idle_power_w_by_domain";
    static final String LOAD_IDLE_POWER = "/energy/idle_power_w";
    static final String LOAD_MEAN_POWER = "/energy/mean_power_w";
    static final String LOAD_OUTPUT_TOKENS = "/energy/output_tokens";
    static final String LOAD_JOULES_PER_OUTPUT_TOKEN = "/energy/joules_per_output_token";
    static final String LOAD_ACTIVE_JOULES_PER_OUTPUT_TOKEN = "/energy/active_joules_per_output_token";
    static final String REQUESTS_SENT = "/run/requests_sent";
    static final String LOAD_REQUESTS = "requests";
    static final String LOAD_REQUESTS_OK = "requests_ok";
    static final String LOAD_REQUESTS_FAILED = "requests_failed";
    static final String ERROR_RATE = "error_rate";
    static final String LOAD_DURATION_S = "duration_s";
    static final String LOAD_PROMPT_TOKENS = "prompt_tokens";
    static final String REQUEST_THROUGHPUT = "request_throughput_per_s";
    static final String OUTPUT_THROUGHPUT = "output_throughput_tok_per_s";
    static final String TOTAL_THROUGHPUT = "total_throughput_tok_per_s";
    static final String TTFT = "ttft";
    static final String TPOT = "tpot";
    static final String ITL = "itl";
    static final String E2E = "e2e";
    static final String COUNT = "count";

    /** A verification section already in result.json is output, not input: never read. */
    static final String VERIFICATION = "verification";

    // request_energy.jsonl
    static final String WINDOW_ENERGY = "window_energy_j";
    static final String TTFT_WINDOW_ENERGY = "ttft_window_energy_j";
    static final String DECODE_WINDOW_ENERGY = "decode_window_energy_j";
    static final String TOKEN_PROPORTIONAL = "token_proportional_j";

    private Fields() {
    }

    /** The dotted figure name of a JSON pointer: {@code /energy/total_energy_j} → {@code energy.total_energy_j}. */
    static String figure(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    /**
     * Where run {@code cycle} (from 1) of a point lives: {@code <point dir>/cycle-<k>}, except in a study of one
     * cycle, which lem run keeps in the point directory itself.
     */
    static Path runDir(Path pointDir, int cycle, int cycles) {
        Path dir = pointDir.resolve("cycle-" + cycle);
        return cycles <= 1 && !Files.isDirectory(dir) ? pointDir : dir;
    }
}
