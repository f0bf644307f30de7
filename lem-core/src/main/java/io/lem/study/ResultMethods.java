package io.lem.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.analysis.EnergyTotals;
import io.lem.analysis.PowerSummary;
import io.lem.analysis.WindowEnergy;
import io.lem.meter.Domain;

import static io.lem.result.Json.finiteOrNull;
import static io.lem.result.ResultFields.*;

/**
 * result.json's {@code methods}: which meters and domains measured, how the total is made, and the definitions of
 * the windows and figures, so a reader can recompute every figure from the raw files.
 */
final class ResultMethods {

    private ResultMethods() {
    }

    static Map<String, Object> of(ExperimentAnalysis a, RunFlops flops) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> meters = new ArrayList<>();
        a.meterStatuses().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(NAME, s.name());
            m.put(AVAILABLE, s.available());
            m.put(USED, s.used());
            m.put(REASON, s.reason());
            m.put(FIX, s.fix());
            meters.add(m);
        });
        json.put(METERS, meters);
        List<Map<String, Object>> domains = new ArrayList<>();
        for (PowerSummary.DomainFigure f : a.measuredWindow().domains()) { // gauges are listed under telemetry
            Domain d = f.domain();
            WindowEnergy w = f.window();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(ID, d.id());
            m.put(KIND, d.kind().name().toLowerCase(Locale.ROOT));
            m.put(METHOD, d.method());
            m.put(ESTIMATED, d.estimated());
            m.put(SOURCE, d.source());
            m.put(SAMPLES_IN_MEASURED_WINDOW, w.samples());
            m.put(MAX_GAP_S, finiteOrNull(w.maxGapS()));
            domains.add(m);
        }
        json.put(DOMAINS, domains);
        json.put(SAMPLE_RATE_HZ, 1e9 / a.samplePeriodNs());
        json.put(SAMPLES_TOTAL, a.trace().size());
        EnergyTotals t = a.totals();
        json.put(TOTAL_ENERGY_DOMAINS, t.description());
        json.put(TOTAL_DOMAIN_IDS, t.totalDomainIds());
        json.put(CPU_DOMAIN_IDS, t.cpuDomainIds());
        json.put(DRAM_DOMAIN_IDS, t.dramDomainIds());
        json.put(GPU_DOMAIN_IDS, t.gpuDomainIds());
        json.put(LLM_DOMAIN_IDS, t.processDomainIds());
        json.put(TOTAL_ESTIMATED, t.totalEstimated());
        json.put(DOMAIN_NOTES, t.notes());
        json.put(ENERGY_WINDOW, "measured window: first measured request sent to last measured request ended;"
                + " energy, metrics and attribution cover it, steady_state its steady part");
        json.put(ACTIVE_ENERGY, "E_active = E - P_idle * duration per domain and for the total, P_idle from the"
                + " baseline window; null when negative (baseline not valid for the window), raw difference in"
                + " active_energy_raw_j");
        json.put(LATENCY_PER_TOKEN_DEFINITION, "mean over measured ok requests of e2e_ms / completion_tokens");
        json.put(PHASES, "per request: ttft window [send, first token] (includes queueing) and decode window "
                + "[first token, end] of the total domains; windows of concurrent requests overlap");
        json.put(ARCHITECTURE, flops.architectureJson());
        json.put(MODEL_PARAMS, flops.parameters());
        json.put(TPOT_DEFINITION, "(e2e - ttft) / (completion_tokens - 1), per request (vLLM)");
        return json;
    }
}
