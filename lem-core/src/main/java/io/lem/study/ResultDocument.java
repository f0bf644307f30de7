package io.lem.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lem.analysis.EnergyTotals;
import io.lem.analysis.EstimateLabel;
import io.lem.analysis.SteadyState;
import io.lem.analysis.carbon.CarbonIntensity;
import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineLaunch;
import io.lem.load.LoadGenerator;
import io.lem.result.Environment;
import io.lem.result.ResultFields;
import io.lem.result.ResultJson;
import io.lem.measure.Marks;
import io.lem.analysis.PowerSummary;

import static io.lem.result.Json.finiteOrNull;
import static io.lem.result.ResultFields.*;

/**
 * The result.json of one experiment. Field names are snake_case with units; the methodology's metric names are always
 * present, null when not computable on this setup (stable schema).
 *
 * @param loadGenerator the load generator's own CPU time over warm-up and measured load, with its estimated energy
 *                      (as summary.json's {@code load_generator}); null when no load ran
 * @param gpuPowerLimit the {@code gpu.power_limit_w} lem applied ({@link PowerLimitStep#toJson}); null when unset
 */
record ResultDocument(String studyName, ExperimentConfig config, Environment environment,
                      List<Map<String, Object>> devices, EngineLaunch engine, Instant wallAnchor, ExperimentAnalysis a,
                      LoadGenerator loadGenerator, RunFlops flops, Optional<CarbonIntensity> carbonIntensity,
                      Map<String, Object> gpuPowerLimit) {

    /** Without a load generator's cost, a model architecture or a carbon intensity: those sections null, with the reason. */
    ResultDocument(String studyName, ExperimentConfig config, Environment environment, List<Map<String, Object>> devices,
                   EngineLaunch engine, Instant wallAnchor, ExperimentAnalysis a) {
        this(studyName, config, environment, devices, engine, wallAnchor, a, null,
                RunFlops.of(Optional.empty(), a.requests().attributed()), Optional.empty(), null);
    }

    /** Bumped when a field changes meaning or goes away. */
    static final int SCHEMA_VERSION = ResultJson.VERSION;

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(ResultFields.SCHEMA_VERSION, SCHEMA_VERSION);
        json.put(STUDY_NAME, studyName);
        json.put(EXPERIMENT, experiment());
        json.put(ENVIRONMENT, environmentJson());
        json.put(GPU_POWER_LIMIT, gpuPowerLimit);
        json.put(ENGINE, engineJson());
        json.put(METHODS, ResultMethods.of(a, flops));
        json.put(TIMELINE, timeline());
        json.put(BASELINE, baseline());
        json.put(ENERGY, energy());
        json.put(STEADY_STATE, steadyState());
        json.put(PHASES, phases());
        json.put(ATTRIBUTION, attribution());
        json.put(METRICS, ResultMetrics.of(a, flops));
        json.put(CARBON, RunCarbon.json(config, carbonIntensity, a));
        json.put(LATENCY, latency());
        json.put(TELEMETRY, telemetry());
        json.put(REQUESTS, requests());
        json.put(LOAD_GENERATOR, loadGenerator == null ? null : loadGenerator.toJson());
        json.put(WARNINGS, a.warnings());
        return json;
    }

    private Map<String, Object> experiment() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(INDEX, config.index());
        json.put(SLUG, config.slug());
        json.put(CONFIG_HASH, config.hash());
        json.put(CONFIG, config.values());
        return json;
    }

    private Map<String, Object> environmentJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(CPU_MODEL, environment.cpuModel());
        json.put(SOCKETS, environment.sockets());
        json.put(LOGICAL_CPUS, environment.logicalCpus());
        json.put(RAM_BYTES, environment.ramBytes());
        json.put(OS, environment.os());
        json.put(KERNEL, environment.kernel());
        json.put(JVM, environment.jvm());
        json.put(LEM_VERSION, environment.lemVersion());
        json.put(LEM_GIT_COMMIT, environment.gitCommit());
        json.put(GPUS, devices);
        return json;
    }

    private Map<String, Object> engineJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(NAME, engine.name());
        json.put(BASE_URL, engine.baseUrl().toString());
        json.put(COMMAND, engine.command());
        return json;
    }

    private Map<String, Object> timeline() {
        Marks m = a.marks();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(WALL_CLOCK_ANCHOR, wallAnchor.toString());
        json.put(CLOCK, "monotonic (System.nanoTime); all *_s fields are seconds since the anchor");
        json.put(BASELINE, window(m.baselineStartNs(), m.baselineEndNs()));
        json.put(WARMUP, window(m.warmupStartNs(), m.warmupEndNs()));
        json.put(MEASURED, window(m.measuredStartNs(), m.measuredEndNs()));
        json.put(STEADY_STATE, a.steadyState() == null ? null : window(a.steadyState().startNs(), a.steadyState().endNs()));
        json.put(AFTER, m.afterEndNs() > m.afterStartNs() ? window(m.afterStartNs(), m.afterEndNs()) : null);
        json.put(WARMUP_STOPPED_BECAUSE, a.warmupStoppedBecause());
        return json;
    }

    private Map<String, Object> window(long startNs, long endNs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(START_S, a.marks().seconds(startNs));
        json.put(END_S, a.marks().seconds(endNs));
        json.put(DURATION_S, (endNs - startNs) / 1e9);
        return json;
    }

    private Map<String, Object> baseline() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(DURATION_S, a.baselineDurationS());
        json.put(POWER_W, finiteOrNull(a.baselinePowerW()));
        Map<String, Object> byDomain = new LinkedHashMap<>();
        a.idlePowerWByDomain().forEach((id, w) -> byDomain.put(id, finiteOrNull(w)));
        json.put(POWER_W_BY_DOMAIN, byDomain);
        json.put(AFTER_DURATION_S, a.marks().afterEndNs() > a.marks().afterStartNs()
                ? (a.marks().afterEndNs() - a.marks().afterStartNs()) / 1e9 : null);
        json.put(AFTER_POWER_W, finiteOrNull(a.baselineAfterPowerW()));
        json.put(DRIFT, finiteOrNull(Math.abs(a.baselineAfterPowerW() - a.baselinePowerW()) / a.baselinePowerW()));
        return json;
    }

    private Map<String, Object> energy() {
        EnergyTotals.Figures f = a.measuredFigures();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(WINDOW, "measured");
        json.put(TOTAL_ENERGY_J, finiteOrNull(f.totalEnergyJ()));
        json.put(ACTIVE_ENERGY_J, finiteOrNull(a.active().energyJ()));
        json.put(ACTIVE_ENERGY_RAW_J, finiteOrNull(a.active().rawJ()));
        json.put(CPU_ENERGY_J, finiteOrNull(f.cpuEnergyJ()));
        json.put(DRAM_ENERGY_J, finiteOrNull(f.dramEnergyJ()));
        json.put(GPU_ENERGY_J, finiteOrNull(f.gpuEnergyJ()));
        json.put(LLM_ENERGY_J, finiteOrNull(f.llmEnergyJ()));
        json.put(ESTIMATED, a.totals().totalEstimated());
        json.put(LLM_ENERGY_ESTIMATED, EstimateLabel.llmEstimated(a.totals(), a.trace().domains()));
        Map<String, Object> byDomain = new LinkedHashMap<>();
        Map<String, Object> activeByDomain = new LinkedHashMap<>();
        for (PowerSummary.DomainFigure d : a.measuredWindow().domains()) {
            byDomain.put(d.domain().id(), finiteOrNull(d.energyJ()));
            activeByDomain.put(d.domain().id(), finiteOrNull(d.active().energyJ()));
        }
        json.put(ENERGY_J_BY_DOMAIN, byDomain);
        json.put(ACTIVE_ENERGY_J_BY_DOMAIN, activeByDomain);
        json.put(GPU_COUNTER_VS_POWER, a.gpuCrossCheck());
        return json;
    }

    /** The same figures over the steady-state window, beside the measured-window ones in {@code energy}/{@code metrics}. */
    private Map<String, Object> steadyState() {
        Map<String, Object> json = new LinkedHashMap<>();
        PowerSummary w = a.steadyWindow();
        double energy = w == null ? Double.NaN : w.figures().totalEnergyJ();
        double activeJ = w == null ? Double.NaN : w.totalActive().energyJ();
        double duration = a.steadyState() == null ? Double.NaN : a.steadyState().durationS();
        json.put(RULE, a.steadyState() == null ? null : a.steadyState().rule());
        json.put(DURATION_S, finiteOrNull(duration));
        json.put(TOTAL_ENERGY_J, finiteOrNull(energy));
        json.put(ACTIVE_ENERGY_J, finiteOrNull(activeJ));
        json.put(ACTIVE_ENERGY_RAW_J, finiteOrNull(w == null ? Double.NaN : w.totalActive().rawJ()));
        json.put(OUTPUT_TOKENS, finiteOrNull(a.steadyOutputTokens()));
        json.put(OUTPUT_TOKENS_METHOD, "streamed chunks inside the window (each completion_tokens / chunks); "
                + "without chunk times, a request's tokens spread evenly over [first token, end]");
        json.put(JOULES_PER_OUTPUT_TOKEN, finiteOrNull(energy / a.steadyOutputTokens()));
        json.put(ACTIVE_JOULES_PER_OUTPUT_TOKEN, finiteOrNull(activeJ / a.steadyOutputTokens()));
        json.put(TOKENS_PER_SECOND, finiteOrNull(a.steadyOutputTokens() / duration));
        SteadyState.BatchLimitRule batch = a.batchLimit();
        Map<String, Object> alt = new LinkedHashMap<>();
        alt.put(RULE, batch.window() == null ? null : batch.window().rule());
        alt.put(NOT_APPLICABLE_BECAUSE, batch.notApplicableBecause());
        if (batch.window() != null) {
            alt.putAll(window(batch.window().startNs(), batch.window().endNs()));
            alt.put(TOTAL_ENERGY_J, finiteOrNull(a.totalEnergyJ(batch.window().startNs(), batch.window().endNs())));
        }
        json.put(BATCH_LIMIT_WINDOW, alt);
        return json;
    }

    private Map<String, Object> attribution() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(FILE, ExperimentRunner.REQUEST_ENERGY_FILE);
        json.put(TOKEN_PROPORTIONAL, "E_r = E_active / sum(completion_tokens) * completion_tokens_r (inference energy protocol)");
        json.put(TIME_SHARING, "each sampling interval's active energy split among requests by the tokens they "
                + "emitted in it (prompt tokens at the first-token interval; an interval without tokens split evenly"
                + " among requests in flight)");
        json.put(INTERVALS_ACTIVE_ENERGY_J, finiteOrNull(a.attribution().activeEnergyJ()));
        json.put(TIME_SHARING_SUM_J, finiteOrNull(a.attribution().timeSharingSumJ()));
        json.put(UNATTRIBUTED_J, finiteOrNull(a.attribution().unattributedJ()));
        json.put(CHECK, "sum of the sampling intervals' active energy against energy.active_energy_raw_j, the"
                + " measured window's from the window integrator; relative difference below");
        json.put(CHECK_RELATIVE_DIFFERENCE, finiteOrNull(a.attributionCheckRelativeError()));
        return json;
    }

    private List<Map<String, Object>> phases() {
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(phase("ttft", a.ttftEnergyJ(), "sum over measured requests of E[send, first token]"));
        list.add(phase("decode", a.decodeEnergyJ(), "sum over measured requests of E[first token, end]"));
        Map<String, Object> closure = new LinkedHashMap<>();
        closure.put(NAME, "closure_error");
        closure.put(ENERGY_J, finiteOrNull(a.phaseClosureErrorJ()));
        closure.put(DEFINITION, "sum of E[send, end] - (ttft + decode); ~0 with one trace");
        list.add(closure);
        return list;
    }

    private static Map<String, Object> phase(String name, double energyJ, String definition) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(NAME, name);
        json.put(ENERGY_J, finiteOrNull(energyJ));
        json.put(DEFINITION, definition);
        return json;
    }

    private Map<String, Object> latency() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(TTFT, a.requests().ttftMs().toJson("ms"));
        json.put(TPOT, a.requests().tpotMs().toJson("ms"));
        json.put(E2E, a.requests().e2eMs().toJson("ms"));
        return json;
    }

    /** Gauges over the measured window; the full series is in power.csv. */
    private Map<String, Object> telemetry() {
        Map<String, Object> json = new LinkedHashMap<>();
        a.gauges().forEach((id, d) -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put(SAMPLES, d.count());
            stats.put(MEAN, finiteOrNull(d.mean()));
            stats.put(MIN, finiteOrNull(d.min()));
            stats.put(MAX, finiteOrNull(d.max()));
            json.put(id, stats);
        });
        return json;
    }

    private Map<String, Object> requests() {
        Map<String, Object> json = new LinkedHashMap<>();
        long ok = a.requests().attributed().size();
        json.put(MEASURED, a.requests().measured().size());
        json.put(OK, ok);
        json.put(FAILED, a.requests().measured().size() - ok);
        json.put(WARMUP, a.requests().warmup().size());
        json.put(ERROR_RATE, a.requests().measured().isEmpty() ? null : (double) (a.requests().measured().size() - ok) / a.requests().measured().size());
        json.put(FILE, ExperimentRunner.REQUESTS_FILE);
        return json;
    }
}
