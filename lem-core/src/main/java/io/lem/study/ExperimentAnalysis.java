package io.lem.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.lem.analysis.ActiveEnergy;
import io.lem.analysis.Attribution;
import io.lem.analysis.Baseline;
import io.lem.analysis.Distribution;
import io.lem.analysis.EnergyTotals;
import io.lem.analysis.EstimateLabel;
import io.lem.analysis.SteadyState;
import io.lem.analysis.WindowEnergy;
import io.lem.client.RequestRecord;
import io.lem.config.ExperimentConfig;
import io.lem.meter.Domain;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import io.lem.measure.Marks;
import io.lem.analysis.PowerSummary;
import io.lem.analysis.GpuChecks;

/**
 * Everything computed from one experiment's raw data. Every energy figure of a window (measured, steady state,
 * baseline) comes from one {@link PowerSummary}, so totals, domains and active energy follow one implementation;
 * tokens and latencies come from the measured requests that succeeded. Pure: the same raw data gives the same
 * figures, so results can be recomputed from the files ({@code lem verify} does so independently).
 */
public final class ExperimentAnalysis {

    /** Runs shorter than this are flagged. */
    static final double SHORT_RUN_S = 10;
    /** Relative disagreement between Σ attribution intervals and the window integrator that is worth a warning. */
    static final double ATTRIBUTION_CHECK_TOLERANCE = 1e-6;

    private final ExperimentConfig config;
    private final PowerTrace trace;
    private final MeasuredRequests requests;
    private final Marks marks;
    private final List<MeterStatus> meterStatuses;
    private final long samplePeriodNs;
    private final String warmupStoppedBecause;
    private final List<String> warnings = new ArrayList<>();
    /** NVML's energy counter against integrated power, per GPU. */
    private final List<Map<String, Object>> gpuCrossCheck;

    /** Idle power per energy domain over the baseline window; empty without a baseline. */
    private final Map<String, Double> idlePowerWByDomain;
    private final PowerSummary measuredWindow;
    private final double measuredDurationS;
    private final double baselineDurationS;
    /** Σ idle power of the total's domains; NaN without a baseline. */
    private final double baselinePowerW;
    private final ActiveEnergy active;
    private final double baselineAfterPowerW;
    /** Gauges (temperatures, utilisation, clocks) over the measured window: samples inside it, never summed. */
    private final Map<String, Distribution> gauges = new LinkedHashMap<>();

    private final SteadyState steadyState;
    private final PowerSummary steadyWindow;
    private final double steadyOutputTokens;
    private final SteadyState.BatchLimitRule batchLimit;

    private final List<RequestPhases> requestPhases;
    private final double ttftEnergyJ;
    private final double decodeEnergyJ;
    private final double phaseClosureErrorJ;
    private final Attribution attribution;

    /** E[send, end], E[send, first token] and E[first token, end] of one request (NaN without a first token). */
    public record RequestPhases(double windowJ, double ttftJ, double decodeJ, boolean ttftBelowSamplePeriod) {
        public double closureErrorJ() {
            return windowJ - ttftJ - decodeJ;
        }
    }

    ExperimentAnalysis(ExperimentConfig config, PowerTrace trace, List<RequestRecord> records, Marks marks,
                       List<MeterStatus> meterStatuses, Map<String, Long> samplerErrors, long samplePeriodNs,
                       String warmupStoppedBecause, List<String> runWarnings) {
        this.config = config;
        this.trace = trace;
        this.marks = marks;
        this.meterStatuses = List.copyOf(meterStatuses);
        this.samplePeriodNs = samplePeriodNs;
        this.warmupStoppedBecause = warmupStoppedBecause;
        this.requests = MeasuredRequests.of(records);
        List<RequestRecord> measured = requests.measured();
        List<RequestRecord> attributed = requests.attributed();
        warnings.addAll(runWarnings);
        Set<String> windowWarnings = new LinkedHashSet<>();

        boolean hasBaseline = marks.baselineEndNs() > marks.baselineStartNs();
        this.baselineDurationS = (marks.baselineEndNs() - marks.baselineStartNs()) / 1e9;
        List<String> baselineWarnings = new ArrayList<>();
        this.idlePowerWByDomain = hasBaseline ? PowerSummary.idlePowers(trace, marks.baselineStartNs(),
                marks.baselineEndNs(), samplePeriodNs, baselineWarnings) : Map.of();
        windowWarnings.addAll(baselineWarnings);
        this.measuredWindow = PowerSummary.of(trace, marks.measuredStartNs(), marks.measuredEndNs(), samplePeriodNs,
                idlePowerWByDomain);
        measuredWindow.warnings().forEach(w -> windowWarnings.add("measured window: " + w));
        this.measuredDurationS = (marks.measuredEndNs() - marks.measuredStartNs()) / 1e9;
        this.baselinePowerW = measuredWindow.idleTotalPowerW();
        this.active = measuredWindow.totalActive();
        active.invalidWarning("the measured window's total (" + totals().description() + ")").ifPresent(warnings::add);
        for (int d = 0; d < trace.domains().size(); d++) {
            if (trace.domains().get(d).quantity() == Quantity.GAUGE) {
                gauges.put(trace.domains().get(d).id(), PowerSummary.gauge(trace, d, marks.measuredStartNs(), marks.measuredEndNs()));
            }
        }

        double afterS = (marks.afterEndNs() - marks.afterStartNs()) / 1e9;
        this.baselineAfterPowerW = afterS > 0 ? totalEnergyJ(marks.afterStartNs(), marks.afterEndNs()) / afterS
                : Double.NaN;

        long[] sends = attributed.stream().mapToLong(RequestRecord::sendNs).toArray();
        this.steadyState = SteadyState.closedLoop(sends, config.workload().concurrency()).orElse(null);
        this.steadyWindow = steadyState == null ? null
                : PowerSummary.of(trace, steadyState.startNs(), steadyState.endNs(), samplePeriodNs, idlePowerWByDomain);
        if (steadyWindow != null) {
            steadyWindow.totalActive().invalidWarning("the steady-state window").ifPresent(warnings::add);
        }
        this.steadyOutputTokens = steadyState == null ? Double.NaN
                : SteadyState.tokensInside(requests.spans(), steadyState.startNs(), steadyState.endNs());
        // lem serve's batch limit is its parallel slots (vLLM's max_num_seqs); a closed loop releases all requests
        // together only when it has a client for each
        int concurrency = config.workload().concurrency();
        this.batchLimit = SteadyState.batchLimit(attributed.stream().filter(r -> r.firstTokenNs() >= 0)
                        .mapToLong(RequestRecord::firstTokenNs).toArray(), measured.size(), config.engine().parallel(),
                concurrency, concurrency >= measured.size());

        this.requestPhases = attributed.stream().map(this::phases).toList();
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
        this.ttftEnergyJ = ttft;
        this.decodeEnergyJ = decode;
        this.phaseClosureErrorJ = closure;
        this.attribution = attribute();

        if (hasBaseline && afterS > 0) {
            Baseline.driftWarning(new Baseline(baselinePowerW, baselinePowerW * baselineDurationS, baselineDurationS,
                            List.of()), new Baseline(baselineAfterPowerW, baselineAfterPowerW * afterS, afterS, List.of()))
                    .ifPresent(warnings::add);
        }
        this.gpuCrossCheck = GpuChecks.crossCheck(trace, marks.measuredStartNs(), marks.measuredEndNs(),
                samplePeriodNs, warnings);
        runChecks(samplerErrors, windowWarnings);
    }

    // the figures, read by the result writers (result.json, request_energy.jsonl, the summary) and by the Lab
    public ExperimentConfig config() { return config; }
    public MeasuredRequests requests() { return requests; }
    public PowerTrace trace() { return trace; }
    public Marks marks() { return marks; }
    public List<MeterStatus> meterStatuses() { return meterStatuses; }
    public long samplePeriodNs() { return samplePeriodNs; }
    public String warmupStoppedBecause() { return warmupStoppedBecause; }
    public List<String> warnings() { return List.copyOf(warnings); }
    public List<Map<String, Object>> gpuCrossCheck() { return gpuCrossCheck; }
    public Map<String, Double> idlePowerWByDomain() { return idlePowerWByDomain; }
    public PowerSummary measuredWindow() { return measuredWindow; }
    public double measuredDurationS() { return measuredDurationS; }
    public double baselineDurationS() { return baselineDurationS; }
    public double baselinePowerW() { return baselinePowerW; }
    public ActiveEnergy active() { return active; }
    public double baselineAfterPowerW() { return baselineAfterPowerW; }
    public Map<String, Distribution> gauges() { return Collections.unmodifiableMap(gauges); }
    public SteadyState steadyState() { return steadyState; }
    public PowerSummary steadyWindow() { return steadyWindow; }
    public double steadyOutputTokens() { return steadyOutputTokens; }
    public SteadyState.BatchLimitRule batchLimit() { return batchLimit; }
    public List<RequestPhases> requestPhases() { return requestPhases; }
    public double ttftEnergyJ() { return ttftEnergyJ; }
    public double decodeEnergyJ() { return decodeEnergyJ; }
    public double phaseClosureErrorJ() { return phaseClosureErrorJ; }
    public Attribution attribution() { return attribution; }

    private void runChecks(Map<String, Long> samplerErrors, Set<String> windowWarnings) {
        GpuChecks.gaugeWarnings(trace, marks.measuredStartNs(), marks.measuredEndNs(), warnings);
        if (steadyState == null) {
            warnings.add("no steady state: " + requests.measured().size() + " requests at concurrency "
                    + config.workload().concurrency() + " never keep the load steady; send more requests than clients");
        }
        if (measuredDurationS < SHORT_RUN_S) {
            warnings.add(String.format(Locale.ROOT,
                    "short run: measured window %.1f s < %.0f s; energy figures have a large relative error",
                    measuredDurationS, SHORT_RUN_S));
        }
        long failed = requests.failed();
        if (failed > 0) {
            warnings.add(failed + " of " + requests.measured().size() + " measured requests failed; tokens count only successful ones");
        }
        if (requests.measured().stream().anyMatch(RequestRecord::tokensApproximate)) {
            warnings.add("the server reported no usage for some requests: their tokens are counted as stream chunks (approximate)");
        }
        long shortTtft = requestPhases.stream().filter(RequestPhases::ttftBelowSamplePeriod).count();
        if (shortTtft > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d requests have a TTFT window shorter than the sampling"
                    + " period (%.0f ms): their ttft-window energy is interpolated, not measured (flagged in %s)",
                    shortTtft, requestPhases.size(), samplePeriodNs / 1e6, ExperimentRunner.REQUEST_ENERGY_FILE));
        }
        double check = attributionCheckRelativeError();
        if (check > ATTRIBUTION_CHECK_TOLERANCE) {
            warnings.add(String.format(Locale.ROOT, "attribution check failed: the sampling intervals' active energy"
                    + " (%.6f J) differs from the measured window's (%.6f J) by %.2e", attribution.activeEnergyJ(),
                    active.rawJ(), check));
        }
        samplerErrors.forEach((meter, count) -> warnings.add("meter " + meter + ": " + count + " failed reads (rows skipped)"));
        warnings.addAll(windowWarnings);
        EstimateLabel.of(totals(), trace.domains()).ifPresent(warnings::add);
        if (totals().totalDomainIds().isEmpty()) {
            warnings.add("no energy domain available: energy figures are null");
        }
    }

    private RequestPhases phases(RequestRecord r) {
        double window = totalEnergyJ(r.sendNs(), r.endNs());
        if (r.firstTokenNs() < 0) {
            return new RequestPhases(window, Double.NaN, Double.NaN, false);
        }
        return new RequestPhases(window, totalEnergyJ(r.sendNs(), r.firstTokenNs()),
                totalEnergyJ(r.firstTokenNs(), r.endNs()), r.firstTokenNs() - r.sendNs() < samplePeriodNs);
    }

    /** Attribution of the active energy; without a baseline there is none, so every share is NaN. */
    private Attribution attribute() {
        long t0 = marks.measuredStartNs();
        long t1 = marks.measuredEndNs();
        long[] inside = java.util.Arrays.stream(trace.timesNs()).filter(t -> t > t0 && t < t1).toArray();
        long[] bounds = new long[inside.length + 2];
        bounds[0] = t0;
        System.arraycopy(inside, 0, bounds, 1, inside.length);
        bounds[bounds.length - 1] = t1;
        return Attribution.of(requests.spans(), this::totalEnergyJ, baselinePowerW, bounds);
    }

    /** |Σ interval active energy − window active energy| / |window active energy|: 0 when both agree. */
    public double attributionCheckRelativeError() {
        double a = attribution.activeEnergyJ();
        double b = active.rawJ();
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
    }

    /** Energy of the total domains over a window (NaN when no domain makes the total). */
    public double totalEnergyJ(long t0Ns, long t1Ns) {
        double sum = 0;
        boolean any = false;
        for (int d = 0; d < trace.domains().size(); d++) {
            Domain domain = trace.domains().get(d);
            if (totals().totalDomainIds().contains(domain.id())) {
                sum += WindowEnergy.of(trace, d, t0Ns, t1Ns, samplePeriodNs).energyJ();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    public EnergyTotals totals() { return measuredWindow.totals(); }
    public EnergyTotals.Figures measuredFigures() { return measuredWindow.figures(); }
    public double perOutputToken(double energyJ) {
        return requests.outputTokens() == 0 ? Double.NaN : energyJ / requests.outputTokens();
    }

    public String meterSummary() {
        List<String> used = meterStatuses.stream().filter(MeterStatus::used).map(MeterStatus::name).toList();
        return used.isEmpty() ? "none" : String.join("+", used);
    }

    public ExperimentSummary summary(Path dir) {
        EnergyTotals.Figures f = measuredFigures();
        return new ExperimentSummary(config.index(), config.slug(), config.hash(), dir, config.engine().parallel(),
                config.workload().concurrency(), requests.attributed().size(), requests.failed(), requests.outputTokens(),
                measuredDurationS, f.totalEnergyJ(), active.energyJ(), perOutputToken(f.totalEnergyJ()),
                perOutputToken(active.energyJ()), perOutputToken(f.llmEnergyJ()), requests.outputTokens() / measuredDurationS,
                requests.ttftMs().median(), requests.e2eMs().median(), baselinePowerW, meterSummary(), totals().description(),
                totals().totalEstimated(), EstimateLabel.llmEstimated(totals(), trace.domains()), warnings);
    }
}
