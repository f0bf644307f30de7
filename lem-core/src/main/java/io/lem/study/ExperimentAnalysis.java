package io.lem.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lem.analysis.Attribution;
import io.lem.analysis.Baseline;
import io.lem.analysis.Distribution;
import io.lem.analysis.DomainPolicy;
import io.lem.analysis.EnergyTotals;
import io.lem.analysis.RequestSpan;
import io.lem.analysis.SteadyState;
import io.lem.analysis.WindowEnergy;
import io.lem.client.RequestRecord;
import io.lem.config.ExperimentConfig;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

/**
 * Everything computed from one experiment's raw data: window energies per domain, totals by the domain policy,
 * baseline and active energy, request phases, token counts, latencies and warnings. Pure: the same raw data gives
 * the same figures, so results can be recomputed from the files.
 */
public final class ExperimentAnalysis {

    /** methods.md: runs shorter than this are flagged. */
    static final double SHORT_RUN_S = 10;

    final ExperimentConfig config;
    final PowerTrace trace;
    final List<RequestRecord> measured;
    final List<RequestRecord> warmup;
    final Marks marks;
    final List<MeterStatus> meterStatuses;
    final EnergyTotals totals;
    final Map<String, WindowEnergy> baselineByDomain = new LinkedHashMap<>();
    final Map<String, WindowEnergy> measuredByDomain = new LinkedHashMap<>();
    /** Gauges (temperatures, utilisation, clocks) over the measured window: samples inside it, never summed. */
    final Map<String, Distribution> gauges = new LinkedHashMap<>();
    final EnergyTotals.Figures baselineFigures;
    final EnergyTotals.Figures measuredFigures;
    final double baselineDurationS;
    final double measuredDurationS;
    final double baselinePowerW;
    final double activeEnergyJ;
    final double ttftEnergyJ;
    final double decodeEnergyJ;
    final double phaseClosureErrorJ;
    final long inputTokens;
    final long outputTokens;
    final long samplePeriodNs;
    final List<String> warnings = new ArrayList<>();

    final String warmupStoppedBecause;
    final List<Map<String, Object>> gpuCrossCheck;
    /** Per measured OK request, in the order of {@link #attributed}. */
    final Attribution attribution;
    final List<RequestRecord> attributed;
    /** The attributed requests' tokens over time (chunk times when streamed), shared by steady state and attribution. */
    final List<RequestSpan> spans;
    /** Seed 000's three snapshots per attributed request, on the total domains. */
    final List<RequestPhases> requestPhases;

    /** E[send, end], E[send, first token] and E[first token, end] of one request (NaN without a first token). */
    record RequestPhases(double windowJ, double ttftJ, double decodeJ) {
        double closureErrorJ() {
            return windowJ - ttftJ - decodeJ;
        }
    }
    final double baselineAfterPowerW;
    final SteadyState steadyState;
    /** ML.ENERGY's window, from max_num_seqs first tokens to n - max_num_seqs - 1 completions; null if none. */
    final SteadyState batchLimitWindow;
    final EnergyTotals.Figures steadyFigures;
    final double steadyActiveEnergyJ;
    final double steadyOutputTokens;

    ExperimentAnalysis(ExperimentConfig config, PowerTrace trace, List<RequestRecord> records, Marks marks,
                       List<MeterStatus> meterStatuses, Map<String, Long> samplerErrors, long samplePeriodNs,
                       String warmupStoppedBecause, List<String> runWarnings) {
        this.warmupStoppedBecause = warmupStoppedBecause;
        this.config = config;
        this.trace = trace;
        this.marks = marks;
        this.meterStatuses = List.copyOf(meterStatuses);
        this.samplePeriodNs = samplePeriodNs;
        this.measured = records.stream().filter(r -> !r.warmup()).toList();
        this.attributed = measured.stream().filter(RequestRecord::ok).toList();
        this.spans = attributed.stream().map(r -> new RequestSpan(r.sendNs(), r.firstTokenNs(), r.endNs(),
                Math.max(0, r.promptTokens()), Math.max(0, r.completionTokens()), r.chunkTimesNs())).toList();
        this.warmup = records.stream().filter(RequestRecord::warmup).toList();
        this.totals = DomainPolicy.totals(trace.domains());
        Set<String> windowWarnings = new LinkedHashSet<>();
        boolean hasBaseline = marks.baselineEndNs() > marks.baselineStartNs();
        for (int d = 0; d < trace.domains().size(); d++) {
            String id = trace.domains().get(d).id();
            if (trace.domains().get(d).quantity() == Quantity.GAUGE) {
                gauges.put(id, gaugeStats(d, marks.measuredStartNs(), marks.measuredEndNs()));
                continue;
            }
            WindowEnergy window = WindowEnergy.of(trace, d, marks.measuredStartNs(), marks.measuredEndNs(), samplePeriodNs);
            measuredByDomain.put(id, window);
            window.warnings().forEach(w -> windowWarnings.add("measured window, " + id + ": " + w));
            if (hasBaseline) {
                WindowEnergy base = WindowEnergy.of(trace, d, marks.baselineStartNs(), marks.baselineEndNs(), samplePeriodNs);
                baselineByDomain.put(id, base);
                base.warnings().forEach(w -> windowWarnings.add("baseline window, " + id + ": " + w));
            }
        }
        this.measuredFigures = totals.sum(energies(measuredByDomain));
        this.baselineFigures = hasBaseline ? totals.sum(energies(baselineByDomain)) : null;
        this.baselineDurationS = (marks.baselineEndNs() - marks.baselineStartNs()) / 1e9;
        this.measuredDurationS = (marks.measuredEndNs() - marks.measuredStartNs()) / 1e9;
        this.baselinePowerW = hasBaseline ? baselineFigures.totalEnergyJ() / baselineDurationS : Double.NaN;
        this.activeEnergyJ = hasBaseline
                ? Baseline.activeEnergyJ(measuredFigures.totalEnergyJ(), baselinePowerW, measuredDurationS) : Double.NaN;

        double afterS = (marks.afterEndNs() - marks.afterStartNs()) / 1e9;
        this.baselineAfterPowerW = afterS > 0 ? totalEnergy(marks.afterStartNs(), marks.afterEndNs()) / afterS : Double.NaN;

        long[] sends = measured.stream().filter(RequestRecord::ok).mapToLong(RequestRecord::sendNs).toArray();
        this.steadyState = SteadyState.closedLoop(sends, config.workload().concurrency()).orElse(null);
        // the embedded engine's batch limit is known: its parallel slots (vLLM's max_num_seqs)
        this.batchLimitWindow = SteadyState.batchLimit(
                measured.stream().filter(RequestRecord::ok).filter(r -> r.firstTokenNs() >= 0)
                        .mapToLong(RequestRecord::firstTokenNs).toArray(),
                measured.stream().filter(RequestRecord::ok).mapToLong(RequestRecord::endNs).toArray(),
                config.engine().parallel()).orElse(null);
        if (steadyState != null) {
            Map<String, Double> energies = new LinkedHashMap<>();
            for (int d = 0; d < trace.domains().size(); d++) {
                if (trace.domains().get(d).quantity() != Quantity.GAUGE) {
                    energies.put(trace.domains().get(d).id(),
                            WindowEnergy.of(trace, d, steadyState.startNs(), steadyState.endNs(), samplePeriodNs).energyJ());
                }
            }
            this.steadyFigures = totals.sum(energies);
            this.steadyActiveEnergyJ = hasBaseline ? Baseline.activeEnergyJ(steadyFigures.totalEnergyJ(), baselinePowerW,
                    steadyState.durationS()) : Double.NaN;
            this.steadyOutputTokens = SteadyState.tokensInside(spans, steadyState.startNs(), steadyState.endNs());
        } else {
            this.steadyFigures = null;
            this.steadyActiveEnergyJ = Double.NaN;
            this.steadyOutputTokens = Double.NaN;
        }

        this.requestPhases = attributed.stream().map(r -> r.firstTokenNs() < 0
                ? new RequestPhases(totalEnergy(r.sendNs(), r.endNs()), Double.NaN, Double.NaN)
                : new RequestPhases(totalEnergy(r.sendNs(), r.endNs()), totalEnergy(r.sendNs(), r.firstTokenNs()),
                        totalEnergy(r.firstTokenNs(), r.endNs()))).toList();
        double ttft = 0;
        double decode = 0;
        double closure = 0;
        for (RequestPhases p : requestPhases) {
            if (!Double.isNaN(p.ttftJ())) {
                ttft += p.ttftJ();
                decode += p.decodeJ();
                closure += p.closureErrorJ();
            }
        }
        long in = 0;
        long out = 0;
        for (RequestRecord r : attributed) {
            in += Math.max(0, r.promptTokens());
            out += Math.max(0, r.completionTokens());
        }
        this.attribution = attribute();
        this.ttftEnergyJ = ttft;
        this.decodeEnergyJ = decode;
        this.phaseClosureErrorJ = closure;
        this.inputTokens = in;
        this.outputTokens = out;

        warnings.addAll(runWarnings);
        this.gpuCrossCheck = GpuChecks.crossCheck(trace, marks.measuredStartNs(), marks.measuredEndNs(), samplePeriodNs,
                warnings);
        GpuChecks.gaugeWarnings(trace, marks.measuredStartNs(), marks.measuredEndNs(), warnings);
        if (hasBaseline && afterS > 0) {
            Baseline.driftWarning(new Baseline(baselinePowerW, baselineFigures.totalEnergyJ(), baselineDurationS, List.of()),
                    new Baseline(baselineAfterPowerW, baselineAfterPowerW * afterS, afterS, List.of()))
                    .ifPresent(warnings::add);
        }
        if (steadyState == null) {
            warnings.add("no steady state: " + measured.size() + " requests at concurrency "
                    + config.workload().concurrency() + " never keep the load steady; send more requests than clients");
        }
        if (measuredDurationS < SHORT_RUN_S) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "short run: measured window %.1f s < %.0f s; energy figures have a large relative error",
                    measuredDurationS, SHORT_RUN_S));
        }
        long failed = measured.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            warnings.add(failed + " of " + measured.size() + " measured requests failed; tokens count only successful ones");
        }
        if (measured.stream().anyMatch(RequestRecord::tokensApproximate)) {
            warnings.add("the server reported no usage for some requests: their tokens are counted as stream chunks (approximate)");
        }
        samplerErrors.forEach((meter, count) -> warnings.add("meter " + meter + ": " + count + " failed reads (rows skipped)"));
        warnings.addAll(windowWarnings);
        if (totals.totalEstimated()) {
            warnings.add("estimate used: no measured energy source on this machine; " + totals.description()
                    + " is modelled from the engine's CPU time (see methods.domains); " + CpuPowerModel.VALIDATION_ERROR);
        }
        if (totals.totalDomainIds().isEmpty()) {
            warnings.add("no energy domain available: energy figures are null");
        }
    }

    private Distribution gaugeStats(int domainIndex, long t0, long t1) {
        long[] times = trace.timesNs();
        double[] values = trace.values(domainIndex);
        return Distribution.of(java.util.stream.IntStream.range(0, times.length)
                .filter(i -> times[i] >= t0 && times[i] <= t1).mapToDouble(i -> values[i]).toArray());
    }

    private Attribution attribute() {
        long t0 = marks.measuredStartNs();
        long t1 = marks.measuredEndNs();
        long[] inside = java.util.Arrays.stream(trace.timesNs()).filter(t -> t > t0 && t < t1).toArray();
        long[] bounds = new long[inside.length + 2];
        bounds[0] = t0;
        System.arraycopy(inside, 0, bounds, 1, inside.length);
        bounds[bounds.length - 1] = t1;
        return Attribution.of(spans, this::totalEnergy, Double.isFinite(baselinePowerW) ? baselinePowerW : 0, bounds);
    }

    /** Energy of the total domains over a window (NaN when no domain makes the total). */
    private double totalEnergy(long t0, long t1) {
        Map<String, Double> byDomain = new LinkedHashMap<>();
        for (int d = 0; d < trace.domains().size(); d++) {
            Domain domain = trace.domains().get(d);
            if (totals.totalDomainIds().contains(domain.id())) {
                byDomain.put(domain.id(), WindowEnergy.of(trace, d, t0, t1, samplePeriodNs).energyJ());
            }
        }
        return byDomain.isEmpty() ? Double.NaN : byDomain.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> energies(Map<String, WindowEnergy> windows) {
        Map<String, Double> energies = new LinkedHashMap<>();
        windows.forEach((id, w) -> energies.put(id, w.energyJ()));
        return energies;
    }

    /** Energy of the total domains over any window of this experiment. */
    double windowTotalEnergyJ(long t0Ns, long t1Ns) {
        return totalEnergy(t0Ns, t1Ns);
    }

    double steadyDurationS() {
        return steadyState == null ? Double.NaN : steadyState.durationS();
    }

    double steadyEnergyJ() {
        return steadyFigures == null ? Double.NaN : steadyFigures.totalEnergyJ();
    }

    Distribution ttftMs() {
        return Distribution.of(measured.stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::ttftMs).toArray());
    }

    Distribution e2eMs() {
        return Distribution.of(measured.stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::e2eMs).toArray());
    }

    Distribution tpotMs() {
        return Distribution.of(measured.stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::tpotMs).toArray());
    }

    double perOutputToken(double energyJ) {
        return outputTokens == 0 ? Double.NaN : energyJ / outputTokens;
    }

    String meterSummary() {
        List<String> used = meterStatuses.stream().filter(MeterStatus::used).map(MeterStatus::name).toList();
        return used.isEmpty() ? "none" : String.join("+", used);
    }

    /** request_energy.jsonl: one row per measured OK request with its phases and both attributions. */
    List<Map<String, Object>> requestEnergyRows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < attributed.size(); i++) {
            RequestRecord r = attributed.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("prompt_tokens", r.promptTokens());
            row.put("completion_tokens", r.completionTokens());
            RequestPhases p = requestPhases.get(i);
            row.put("window_energy_j", io.lem.result.Json.finiteOrNull(p.windowJ()));
            row.put("ttft_window_energy_j", io.lem.result.Json.finiteOrNull(p.ttftJ()));
            row.put("decode_window_energy_j", io.lem.result.Json.finiteOrNull(p.decodeJ()));
            row.put("closure_error_j", io.lem.result.Json.finiteOrNull(p.closureErrorJ()));
            row.put("token_proportional_j", io.lem.result.Json.finiteOrNull(attribution.tokenProportionalJ()[i]));
            row.put("time_sharing_j", io.lem.result.Json.finiteOrNull(attribution.timeSharingJ()[i]));
            rows.add(row);
        }
        return rows;
    }

    ExperimentSummary summary(Path dir) {
        int ok = (int) measured.stream().filter(RequestRecord::ok).count();
        return new ExperimentSummary(config.index(), config.slug(), config.hash(), dir, config.engine().parallel(),
                config.workload().concurrency(), ok, measured.size() - ok, outputTokens, measuredDurationS,
                measuredFigures.totalEnergyJ(), activeEnergyJ, perOutputToken(measuredFigures.totalEnergyJ()),
                perOutputToken(activeEnergyJ), perOutputToken(measuredFigures.llmEnergyJ()), outputTokens / measuredDurationS, ttftMs().median(), e2eMs().median(),
                baselinePowerW, meterSummary(), totals.description(), totals.totalEstimated(), warnings);
    }
}
