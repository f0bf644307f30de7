package io.lem.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.EnergyTotals;
import io.lem.analysis.EstimateLabel;
import io.lem.analysis.SteadyState;
import io.lem.analysis.WindowEnergy;
import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineLaunch;
import io.lem.meter.Domain;
import io.lem.result.Environment;

import static io.lem.result.Json.finiteOrNull;

/**
 * The result.json of one experiment. Field names are snake_case with units; the methodology's metric names are always
 * present, null when not computable on this setup (stable schema).
 */
record ResultDocument(String studyName, ExperimentConfig config, Environment environment,
                      List<Map<String, Object>> devices, EngineLaunch engine, Instant wallAnchor, ExperimentAnalysis a) {

    /** Bumped when a field changes meaning or goes away. */
    static final int SCHEMA_VERSION = 1;

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema_version", SCHEMA_VERSION);
        json.put("study_name", studyName);
        json.put("experiment", experiment());
        json.put("environment", environmentJson());
        json.put("engine", engineJson());
        json.put("methods", methods());
        json.put("timeline", timeline());
        json.put("baseline", baseline());
        json.put("energy", energy());
        json.put("steady_state", steadyState());
        json.put("phases", phases());
        json.put("attribution", attribution());
        json.put("metrics", metrics());
        json.put("latency", latency());
        json.put("telemetry", telemetry());
        json.put("requests", requests());
        json.put("warnings", a.warnings);
        return json;
    }

    private Map<String, Object> experiment() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", config.index());
        json.put("slug", config.slug());
        json.put("config_hash", config.hash());
        json.put("config", config.values());
        return json;
    }

    private Map<String, Object> environmentJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu_model", environment.cpuModel());
        json.put("sockets", environment.sockets());
        json.put("logical_cpus", environment.logicalCpus());
        json.put("ram_bytes", environment.ramBytes());
        json.put("os", environment.os());
        json.put("kernel", environment.kernel());
        json.put("jvm", environment.jvm());
        json.put("lem_version", environment.lemVersion());
        json.put("lem_git_commit", environment.gitCommit());
        json.put("gpus", devices);
        return json;
    }

    private Map<String, Object> engineJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", engine.name());
        json.put("base_url", engine.baseUrl().toString());
        json.put("command", engine.command());
        return json;
    }

    private Map<String, Object> methods() {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> meters = new ArrayList<>();
        a.meterStatuses.forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("available", s.available());
            m.put("used", s.used());
            m.put("reason", s.reason());
            m.put("fix", s.fix());
            meters.add(m);
        });
        json.put("meters", meters);
        List<Map<String, Object>> domains = new ArrayList<>();
        for (PowerSummary.DomainFigure f : a.measuredWindow.domains()) { // gauges are listed under telemetry
            Domain d = f.domain();
            WindowEnergy w = f.window();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("method", d.method());
            m.put("estimated", d.estimated());
            m.put("source", d.source());
            m.put("samples_in_measured_window", w.samples());
            m.put("max_gap_s", finiteOrNull(w.maxGapS()));
            domains.add(m);
        }
        json.put("domains", domains);
        json.put("sample_rate_hz", 1e9 / a.samplePeriodNs);
        json.put("samples_total", a.trace.size());
        EnergyTotals t = a.totals();
        json.put("total_energy_domains", t.description());
        json.put("total_domain_ids", t.totalDomainIds());
        json.put("cpu_domain_ids", t.cpuDomainIds());
        json.put("dram_domain_ids", t.dramDomainIds());
        json.put("gpu_domain_ids", t.gpuDomainIds());
        json.put("llm_domain_ids", t.processDomainIds());
        json.put("total_estimated", t.totalEstimated());
        json.put("domain_notes", t.notes());
        json.put("energy_window", "measured window: first measured request sent to last measured request ended;"
                + " energy, metrics and attribution cover it, steady_state its steady part");
        json.put("active_energy", "E_active = E - P_idle * duration per domain and for the total, P_idle from the"
                + " baseline window; null when negative (baseline not valid for the window), raw difference in"
                + " active_energy_raw_j");
        json.put("latency_per_token_definition", "mean over measured ok requests of e2e_ms / completion_tokens");
        json.put("phases", "per request: ttft window [send, first token] (includes queueing) and decode window "
                + "[first token, end] of the total domains; windows of concurrent requests overlap");
        json.put("tpot_definition", "(e2e - ttft) / (completion_tokens - 1), per request (vLLM)");
        return json;
    }

    private Map<String, Object> timeline() {
        Marks m = a.marks;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("wall_clock_anchor", wallAnchor.toString());
        json.put("clock", "monotonic (System.nanoTime); all *_s fields are seconds since the anchor");
        json.put("baseline", window(m.baselineStartNs(), m.baselineEndNs()));
        json.put("warmup", window(m.warmupStartNs(), m.warmupEndNs()));
        json.put("measured", window(m.measuredStartNs(), m.measuredEndNs()));
        json.put("steady_state", a.steadyState == null ? null : window(a.steadyState.startNs(), a.steadyState.endNs()));
        json.put("after", m.afterEndNs() > m.afterStartNs() ? window(m.afterStartNs(), m.afterEndNs()) : null);
        json.put("warmup_stopped_because", a.warmupStoppedBecause);
        return json;
    }

    private Map<String, Object> window(long startNs, long endNs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start_s", a.marks.seconds(startNs));
        json.put("end_s", a.marks.seconds(endNs));
        json.put("duration_s", (endNs - startNs) / 1e9);
        return json;
    }

    private Map<String, Object> baseline() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration_s", a.baselineDurationS);
        json.put("power_w", finiteOrNull(a.baselinePowerW));
        Map<String, Object> byDomain = new LinkedHashMap<>();
        a.idlePowerWByDomain.forEach((id, w) -> byDomain.put(id, finiteOrNull(w)));
        json.put("power_w_by_domain", byDomain);
        json.put("after_duration_s", a.marks.afterEndNs() > a.marks.afterStartNs()
                ? (a.marks.afterEndNs() - a.marks.afterStartNs()) / 1e9 : null);
        json.put("after_power_w", finiteOrNull(a.baselineAfterPowerW));
        json.put("drift", finiteOrNull(Math.abs(a.baselineAfterPowerW - a.baselinePowerW) / a.baselinePowerW));
        return json;
    }

    private Map<String, Object> energy() {
        EnergyTotals.Figures f = a.measuredFigures();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window", "measured");
        json.put("total_energy_j", finiteOrNull(f.totalEnergyJ()));
        json.put("active_energy_j", finiteOrNull(a.active.energyJ()));
        json.put("active_energy_raw_j", finiteOrNull(a.active.rawJ()));
        json.put("cpu_energy_j", finiteOrNull(f.cpuEnergyJ()));
        json.put("dram_energy_j", finiteOrNull(f.dramEnergyJ()));
        json.put("gpu_energy_j", finiteOrNull(f.gpuEnergyJ()));
        json.put("llm_energy_j", finiteOrNull(f.llmEnergyJ()));
        json.put("estimated", a.totals().totalEstimated());
        json.put("llm_energy_estimated", EstimateLabel.llmEstimated(a.totals(), a.trace.domains()));
        Map<String, Object> byDomain = new LinkedHashMap<>();
        Map<String, Object> activeByDomain = new LinkedHashMap<>();
        for (PowerSummary.DomainFigure d : a.measuredWindow.domains()) {
            byDomain.put(d.domain().id(), finiteOrNull(d.energyJ()));
            activeByDomain.put(d.domain().id(), finiteOrNull(d.active().energyJ()));
        }
        json.put("energy_j_by_domain", byDomain);
        json.put("active_energy_j_by_domain", activeByDomain);
        json.put("gpu_counter_vs_power", a.gpuCrossCheck);
        return json;
    }

    /** The same figures over the steady-state window, beside the measured-window ones in {@code energy}/{@code metrics}. */
    private Map<String, Object> steadyState() {
        Map<String, Object> json = new LinkedHashMap<>();
        PowerSummary w = a.steadyWindow;
        double energy = w == null ? Double.NaN : w.figures().totalEnergyJ();
        double activeJ = w == null ? Double.NaN : w.totalActive().energyJ();
        double duration = a.steadyState == null ? Double.NaN : a.steadyState.durationS();
        json.put("rule", a.steadyState == null ? null : a.steadyState.rule());
        json.put("duration_s", finiteOrNull(duration));
        json.put("total_energy_j", finiteOrNull(energy));
        json.put("active_energy_j", finiteOrNull(activeJ));
        json.put("active_energy_raw_j", finiteOrNull(w == null ? Double.NaN : w.totalActive().rawJ()));
        json.put("output_tokens", finiteOrNull(a.steadyOutputTokens));
        json.put("output_tokens_method", "streamed chunks inside the window (each completion_tokens / chunks); "
                + "without chunk times, a request's tokens spread evenly over [first token, end]");
        json.put("joules_per_output_token", finiteOrNull(energy / a.steadyOutputTokens));
        json.put("active_joules_per_output_token", finiteOrNull(activeJ / a.steadyOutputTokens));
        json.put("tokens_per_second", finiteOrNull(a.steadyOutputTokens / duration));
        SteadyState.BatchLimitRule batch = a.batchLimit;
        Map<String, Object> alt = new LinkedHashMap<>();
        alt.put("rule", batch.window() == null ? null : batch.window().rule());
        alt.put("not_applicable_because", batch.notApplicableBecause());
        if (batch.window() != null) {
            alt.putAll(window(batch.window().startNs(), batch.window().endNs()));
            alt.put("total_energy_j", finiteOrNull(a.totalEnergyJ(batch.window().startNs(), batch.window().endNs())));
        }
        json.put("batch_limit_window", alt);
        return json;
    }

    private Map<String, Object> attribution() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", ExperimentRunner.REQUEST_ENERGY_FILE);
        json.put("token_proportional", "E_r = E_active / sum(completion_tokens) * completion_tokens_r (inference energy protocol)");
        json.put("time_sharing", "each sampling interval's active energy split among requests by the tokens they "
                + "emitted in it (prompt tokens at the first-token interval; an interval without tokens split evenly"
                + " among requests in flight)");
        json.put("intervals_active_energy_j", finiteOrNull(a.attribution.activeEnergyJ()));
        json.put("time_sharing_sum_j", finiteOrNull(a.attribution.timeSharingSumJ()));
        json.put("unattributed_j", finiteOrNull(a.attribution.unattributedJ()));
        json.put("check", "sum of the sampling intervals' active energy against energy.active_energy_raw_j, the"
                + " measured window's from the window integrator; relative difference below");
        json.put("check_relative_difference", finiteOrNull(a.attributionCheckRelativeError()));
        return json;
    }

    private List<Map<String, Object>> phases() {
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(phase("ttft", a.ttftEnergyJ, "sum over measured requests of E[send, first token]"));
        list.add(phase("decode", a.decodeEnergyJ, "sum over measured requests of E[first token, end]"));
        Map<String, Object> closure = new LinkedHashMap<>();
        closure.put("name", "closure_error");
        closure.put("energy_j", finiteOrNull(a.phaseClosureErrorJ));
        closure.put("definition", "sum of E[send, end] - (ttft + decode); ~0 with one trace");
        list.add(closure);
        return list;
    }

    private static Map<String, Object> phase(String name, double energyJ, String definition) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("energy_j", finiteOrNull(energyJ));
        json.put("definition", definition);
        return json;
    }

    /** The methodology's metric names, every one present (null when not computable), all over the measured window. */
    private Map<String, Object> metrics() {
        EnergyTotals.Figures f = a.measuredFigures();
        double duration = a.measuredDurationS;
        long total = a.inputTokens + a.outputTokens;
        double energy = f.totalEnergyJ();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_tokens", total);
        m.put("input_tokens", a.inputTokens);
        m.put("output_tokens", a.outputTokens);
        m.put("inference_time_sec", duration);
        m.put("tokens_per_second", finiteOrNull(a.outputTokens / duration));
        m.put("total_tokens_per_second", finiteOrNull(total / duration));
        m.put("latency_per_token_ms", finiteOrNull(a.latencyPerTokenMs().mean()));
        m.put("total_energy_j", finiteOrNull(energy));
        m.put("active_energy_j", finiteOrNull(a.active.energyJ()));
        m.put("gpu_energy_j", finiteOrNull(f.gpuEnergyJ()));
        m.put("cpu_energy_j", finiteOrNull(f.cpuEnergyJ()));
        m.put("gpu_power_w", finiteOrNull(f.gpuEnergyJ() / duration));
        m.put("cpu_power_w", finiteOrNull(f.cpuEnergyJ() / duration));
        m.put("duration_sec", duration);
        m.put("joules_per_token", finiteOrNull(total == 0 ? Double.NaN : energy / total));
        m.put("tokens_per_joule", finiteOrNull(total / energy));
        m.put("joules_per_output_token", finiteOrNull(a.perOutputToken(energy)));
        m.put("active_joules_per_output_token", finiteOrNull(a.perOutputToken(a.active.energyJ())));
        m.put("joules_per_request", finiteOrNull(a.attributed.isEmpty() ? Double.NaN : energy / a.attributed.size()));
        m.put("wh_per_1000_output_tokens", finiteOrNull(a.perOutputToken(energy) * 1000 / 3600));
        m.put("flops_total", null);
        m.put("flops_per_second", null);
        m.put("flops_method", null);
        m.put("flops_confidence", null);
        m.put("tpot_ms", finiteOrNull(a.tpotMs().mean()));
        m.put("e2e_latency_mean_ms", finiteOrNull(a.e2eMs().mean()));
        m.put("e2e_latency_median_ms", finiteOrNull(a.e2eMs().median()));
        m.put("e2e_latency_p95_ms", finiteOrNull(a.e2eMs().p95()));
        m.put("e2e_latency_p99_ms", finiteOrNull(a.e2eMs().p99()));
        m.put("ttft_mean_ms", finiteOrNull(a.ttftMs().mean()));
        m.put("ttft_median_ms", finiteOrNull(a.ttftMs().median()));
        m.put("ttft_p95_ms", finiteOrNull(a.ttftMs().p95()));
        m.put("ttft_p99_ms", finiteOrNull(a.ttftMs().p99()));
        m.put("token_efficiency_index", null);
        m.put("tokens_per_gb_vram", null);
        m.put("model_memory_utilisation", null);
        m.put("kv_cache_memory_ratio", null);
        m.put("sm_utilisation_mean", null);
        m.put("memory_bandwidth_utilisation", null);
        m.put("effective_batch_size", null);
        m.put("batch_utilisation", null);
        m.put("padding_overhead", null);
        m.put("kv_cache_hit_rate", null);
        m.put("kv_cache_blocks_used", null);
        m.put("kv_cache_blocks_total", null);
        return m;
    }

    private Map<String, Object> latency() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ttft", a.ttftMs().toJson("ms"));
        json.put("tpot", a.tpotMs().toJson("ms"));
        json.put("e2e", a.e2eMs().toJson("ms"));
        return json;
    }

    /** Gauges over the measured window; the full series is in power.csv. */
    private Map<String, Object> telemetry() {
        Map<String, Object> json = new LinkedHashMap<>();
        a.gauges.forEach((id, d) -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("samples", d.count());
            stats.put("mean", finiteOrNull(d.mean()));
            stats.put("min", finiteOrNull(d.min()));
            stats.put("max", finiteOrNull(d.max()));
            json.put(id, stats);
        });
        return json;
    }

    private Map<String, Object> requests() {
        Map<String, Object> json = new LinkedHashMap<>();
        long ok = a.attributed.size();
        json.put("measured", a.measured.size());
        json.put("ok", ok);
        json.put("failed", a.measured.size() - ok);
        json.put("warmup", a.warmup.size());
        json.put("error_rate", a.measured.isEmpty() ? null : (double) (a.measured.size() - ok) / a.measured.size());
        json.put("file", ExperimentRunner.REQUESTS_FILE);
        return json;
    }
}
