package io.lem.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.EnergyTotals;
import io.lem.analysis.EstimateLabel;
import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.result.PowerCsvWriter;
import io.lem.analysis.PowerSummary;

import static io.lem.result.Json.finiteOrNull;

/**
 * Meters sampling into power.csv for as long as something runs: the measuring half of an experiment, also used by
 * {@code lem load --meters} and {@code lem power}. Start it, mark windows on its clock, close it (which stops the
 * sampler, collects the meters' warnings and devices, and closes them), then ask for the energy of any window.
 */
public final class EnergySession implements AutoCloseable {

    private final MeterFactory.Opened opened;
    private final Clock clock;
    private final long anchorNs;
    private final PowerCsvWriter csv;
    private final PowerRecorder recorder;
    private final List<String> warnings = new ArrayList<>();
    private final List<Map<String, Object>> devices = new ArrayList<>();
    private boolean closed;

    private EnergySession(MeterFactory.Opened opened, Clock clock, long anchorNs, PowerCsvWriter csv,
                          PowerRecorder recorder) {
        this.opened = opened;
        this.clock = clock;
        this.anchorNs = anchorNs;
        this.csv = csv;
        this.recorder = recorder;
    }

    /** Starts sampling {@code opened}'s meters into {@code powerCsv}; returns once the first row is taken. */
    public static EnergySession start(MeterFactory.Opened opened, Clock clock, double rateHz, Path powerCsv)
            throws IOException, InterruptedException {
        return start(opened, clock, clock.nanoTime(), rateHz, powerCsv);
    }

    /** As above, with the run's clock anchor given, so that power.csv shares the time axis of other files. */
    public static EnergySession start(MeterFactory.Opened opened, Clock clock, long anchorNs, double rateHz,
                                      Path powerCsv) throws IOException, InterruptedException {
        PowerCsvWriter csv = new PowerCsvWriter(powerCsv, anchorNs);
        try {
            return new EnergySession(opened, clock, anchorNs, csv,
                    PowerRecorder.start(opened.meters(), clock, 1 / rateHz, List.of(csv)));
        } catch (InterruptedException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    public long anchorNs() {
        return anchorNs;
    }

    public long now() {
        return clock.nanoTime();
    }

    /**
     * Idles for {@code seconds} and returns the window it idled, {@code [start, end]} in ns. No wait gives an empty
     * window {@code [start, start]}: a few microseconds of bookkeeping are no idle window to compute a power from.
     */
    public long[] idle(double seconds) throws InterruptedException {
        long start = clock.nanoTime();
        if (!(seconds > 0)) {
            return new long[] {start, start};
        }
        Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
        return new long[] {start, clock.nanoTime()};
    }

    /** The live trace (a copy), for rules that watch it while the load runs (thermal floor). */
    public PowerTrace liveTrace() {
        return recorder.trace().snapshot();
    }

    public PowerTrace trace() {
        return recorder.trace();
    }

    public long periodNs() {
        return recorder.periodNs();
    }

    public Map<String, Long> errorCounts() {
        return recorder.errorCounts();
    }

    public List<MeterStatus> statuses() {
        return opened.statuses();
    }

    /** Warnings the meters reported when they closed (counter wraps, skipped zones, ...). */
    public List<String> meterWarnings() {
        return List.copyOf(warnings);
    }

    /** The devices the meters read (GPUs), for results. */
    public List<Map<String, Object>> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.close();
        } finally {
            for (Meter meter : opened.meters()) {
                warnings.addAll(meter.warnings());
                devices.addAll(meter.inventory());
                meter.close();
            }
            csv.close();
        }
    }

    /**
     * A compact energy summary of one window against an idle window (null for none), per output token: what
     * {@code lem load --meters} and {@code lem power measure} print and store. It names its windows (seconds since
     * the anchor, the time axis of power.csv) and the domains of each sum, so that {@code lem verify} can recompute
     * every figure from power.csv alone.
     */
    public Map<String, Object> summary(long t0Ns, long t1Ns, long[] idleWindow, long outputTokens) {
        PowerTrace trace = recorder.trace();
        List<String> notes = new ArrayList<>(warnings);
        boolean baseline = idleWindow != null && idleWindow[1] > idleWindow[0];
        Map<String, Double> idle = baseline
                ? PowerSummary.idlePowers(trace, idleWindow[0], idleWindow[1], recorder.periodNs(), notes) : Map.of();
        PowerSummary s = PowerSummary.of(trace, t0Ns, t1Ns, recorder.periodNs(), idle);
        notes.addAll(s.warnings());
        s.totalActive().invalidWarning("the measured window's total (" + s.totals().description() + ")")
                .ifPresent(notes::add);
        EnergyTotals.Figures f = s.figures();
        double active = s.totalActive().energyJ();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window", window(t0Ns, t1Ns));
        json.put("baseline_window", baseline ? window(idleWindow[0], idleWindow[1]) : null);
        json.put("duration_s", s.durationS());
        json.put("total_energy_j", finiteOrNull(f.totalEnergyJ()));
        json.put("active_energy_j", finiteOrNull(active));
        json.put("active_energy_raw_j", finiteOrNull(s.totalActive().rawJ()));
        json.put("cpu_energy_j", finiteOrNull(f.cpuEnergyJ()));
        json.put("dram_energy_j", finiteOrNull(f.dramEnergyJ()));
        json.put("gpu_energy_j", finiteOrNull(f.gpuEnergyJ()));
        json.put("llm_energy_j", finiteOrNull(f.llmEnergyJ()));
        json.put("mean_power_w", finiteOrNull(s.meanTotalPowerW()));
        json.put("idle_power_w", finiteOrNull(s.idleTotalPowerW()));
        json.put("output_tokens", outputTokens);
        json.put("joules_per_output_token", finiteOrNull(outputTokens == 0 ? Double.NaN : f.totalEnergyJ() / outputTokens));
        json.put("active_joules_per_output_token", finiteOrNull(outputTokens == 0 ? Double.NaN : active / outputTokens));
        json.put("total_energy_domains", s.totals().description());
        json.put("estimated", s.totals().totalEstimated());
        json.put("llm_energy_estimated", EstimateLabel.llmEstimated(s.totals(), trace.domains()));
        json.put("estimate_label", EstimateLabel.of(s.totals(), trace.domains()).orElse(null));
        Map<String, Object> byDomain = new LinkedHashMap<>();
        s.domains().forEach(d -> byDomain.put(d.domain().id(), finiteOrNull(d.energyJ())));
        json.put("energy_j_by_domain", byDomain);
        Map<String, Object> activeByDomain = new LinkedHashMap<>();
        s.domains().forEach(d -> activeByDomain.put(d.domain().id(), finiteOrNull(d.active().energyJ())));
        json.put("active_energy_j_by_domain", activeByDomain);
        Map<String, Object> idleByDomain = new LinkedHashMap<>();
        idle.forEach((id, w) -> idleByDomain.put(id, finiteOrNull(w)));
        json.put("idle_power_w_by_domain", baseline ? idleByDomain : null);
        json.put("total_domain_ids", s.totals().totalDomainIds());
        json.put("cpu_domain_ids", s.totals().cpuDomainIds());
        json.put("dram_domain_ids", s.totals().dramDomainIds());
        json.put("gpu_domain_ids", s.totals().gpuDomainIds());
        json.put("llm_domain_ids", s.totals().processDomainIds());
        json.put("domain_notes", s.totals().notes());
        json.put("meters", opened.statuses().stream().map(st -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", st.name());
            m.put("used", st.used());
            m.put("reason", st.reason());
            return m;
        }).toList());
        json.put("warnings", notes);
        return json;
    }

    /** A window as seconds since the anchor (the t_s of power.csv and the send_s/end_s of requests.jsonl). */
    private Map<String, Object> window(long startNs, long endNs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start_s", (startNs - anchorNs) / 1e9);
        json.put("end_s", (endNs - anchorNs) / 1e9);
        json.put("duration_s", (endNs - startNs) / 1e9);
        return json;
    }
}
