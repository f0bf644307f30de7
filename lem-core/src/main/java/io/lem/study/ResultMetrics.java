package io.lem.study;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.analysis.EnergyTotals;
import io.lem.analysis.flops.FlopsEstimate;

import static io.lem.result.Json.finiteOrNull;
import static io.lem.result.ResultFields.*;

/** result.json's {@code metrics} section (docs/methodology.md, section 10). */
final class ResultMetrics {

    private ResultMetrics() {
    }

    /** The methodology's metric names, every one present (null when not computable), all over the measured window. */
    static Map<String, Object> of(ExperimentAnalysis a, RunFlops flops) {
        EnergyTotals.Figures f = a.measuredFigures();
        double duration = a.measuredDurationS();
        long total = a.requests().inputTokens() + a.requests().outputTokens();
        double energy = f.totalEnergyJ();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TOTAL_TOKENS, total);
        m.put(INPUT_TOKENS, a.requests().inputTokens());
        m.put(OUTPUT_TOKENS, a.requests().outputTokens());
        m.put(INFERENCE_TIME_SEC, duration);
        m.put(TOKENS_PER_SECOND, finiteOrNull(a.requests().outputTokens() / duration));
        m.put(TOTAL_TOKENS_PER_SECOND, finiteOrNull(total / duration));
        m.put(LATENCY_PER_TOKEN_MS, finiteOrNull(a.requests().latencyPerTokenMs().mean()));
        m.put(TOTAL_ENERGY_J, finiteOrNull(energy));
        m.put(ACTIVE_ENERGY_J, finiteOrNull(a.active().energyJ()));
        m.put(GPU_ENERGY_J, finiteOrNull(f.gpuEnergyJ()));
        m.put(CPU_ENERGY_J, finiteOrNull(f.cpuEnergyJ()));
        m.put(GPU_POWER_W, finiteOrNull(f.gpuEnergyJ() / duration));
        m.put(CPU_POWER_W, finiteOrNull(f.cpuEnergyJ() / duration));
        m.put(DURATION_SEC, duration);
        m.put(JOULES_PER_TOKEN, finiteOrNull(total == 0 ? Double.NaN : energy / total));
        m.put(TOKENS_PER_JOULE, finiteOrNull(total / energy));
        m.put(JOULES_PER_OUTPUT_TOKEN, finiteOrNull(a.perOutputToken(energy)));
        m.put(ACTIVE_JOULES_PER_OUTPUT_TOKEN, finiteOrNull(a.perOutputToken(a.active().energyJ())));
        m.put(JOULES_PER_REQUEST, finiteOrNull(a.requests().attributed().isEmpty() ? Double.NaN : energy / a.requests().attributed().size()));
        m.put(WH_PER_1000_OUTPUT_TOKENS, finiteOrNull(a.perOutputToken(energy) * 1000 / 3600));
        FlopsEstimate e = flops.estimate();
        m.put(FLOPS_TOTAL, e == null ? null : finiteOrNull(e.totalFlops()));
        m.put(FLOPS_PER_SECOND, e == null ? null : finiteOrNull(e.totalFlops() / duration));
        m.put(FLOPS_METHOD, e == null ? null : e.tier().id());
        m.put(FLOPS_CONFIDENCE, e == null ? null : e.confidence().id());
        m.put(FLOPS_PREFILL, e == null ? null : finiteOrNull(e.prefillFlops()));
        m.put(FLOPS_DECODE, e == null ? null : finiteOrNull(e.decodeFlops()));
        m.put(FLOPS_PER_JOULE, e == null ? null : finiteOrNull(e.flopsPerJoule(energy)));
        m.put(FLOPS_PER_OUTPUT_TOKEN, e == null ? null : finiteOrNull(e.flopsPerToken(a.requests().outputTokens())));
        m.put(FLOPS_ASSUMPTIONS, e == null ? java.util.List.of() : e.assumptions());
        m.put(FLOPS_UNAVAILABLE_REASON, flops.unavailableReason());
        m.put(TPOT_MS, finiteOrNull(a.requests().tpotMs().mean()));
        m.put(E2E_LATENCY_MEAN_MS, finiteOrNull(a.requests().e2eMs().mean()));
        m.put(E2E_LATENCY_MEDIAN_MS, finiteOrNull(a.requests().e2eMs().median()));
        m.put(E2E_LATENCY_P95_MS, finiteOrNull(a.requests().e2eMs().p95()));
        m.put(E2E_LATENCY_P99_MS, finiteOrNull(a.requests().e2eMs().p99()));
        m.put(TTFT_MEAN_MS, finiteOrNull(a.requests().ttftMs().mean()));
        m.put(TTFT_MEDIAN_MS, finiteOrNull(a.requests().ttftMs().median()));
        m.put(TTFT_P95_MS, finiteOrNull(a.requests().ttftMs().p95()));
        m.put(TTFT_P99_MS, finiteOrNull(a.requests().ttftMs().p99()));
        m.put(TOKEN_EFFICIENCY_INDEX, null);
        m.put(TOKENS_PER_GB_VRAM, null);
        m.put(MODEL_MEMORY_UTILISATION, null);
        m.put(KV_CACHE_MEMORY_RATIO, null);
        m.put(SM_UTILISATION_MEAN, null);
        m.put(MEMORY_BANDWIDTH_UTILISATION, null);
        m.put(EFFECTIVE_BATCH_SIZE, null);
        m.put(BATCH_UTILISATION, null);
        m.put(PADDING_OVERHEAD, null);
        m.put(KV_CACHE_HIT_RATE, null);
        m.put(KV_CACHE_BLOCKS_USED, null);
        m.put(KV_CACHE_BLOCKS_TOTAL, null);
        return m;
    }
}
