package io.lem.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.lem.analysis.EstimateLabel;
import io.lem.analysis.ModelEfficiency;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.meter.MeterException;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.result.AtomicFiles;
import io.lem.result.JsonlWriter;
import io.lem.measure.EnergySession;
import io.lem.measure.MeterFactory;
import io.lem.analysis.PowerSummary;
import io.lem.study.RequestRows;
import io.lem.time.Clock;
import io.lem.verify.Verification;
import io.lem.verify.Verifier;

/**
 * Measures one chat turn the way {@code lem load --meters} measures a load: the meters sample into power.csv, an
 * idle baseline first, then marks at send, first token and end on the same clock; prefill, decode and total are
 * windows of that one trace, each against the baseline. The run's directory keeps power.csv, requests.jsonl and
 * summary.json, which {@code lem verify} recomputes; the Lab runs the same verification at once.
 */
public final class RunMeasurer {

    /** Events the page shows live, in order: baseline, marks, then the figures. */
    public interface Events extends ChatExchange.TextListener {
        void event(String type, Map<String, Object> data);
    }

    private final MeterFactory meters;
    private final List<String> meterNames;
    private final Clock clock;
    private final double baselineS;
    private final double rateHz;

    public RunMeasurer(MeterFactory meters, List<String> meterNames, Clock clock, double baselineS, double rateHz) {
        this.meters = meters;
        this.meterNames = List.copyOf(meterNames);
        this.clock = clock;
        this.baselineS = baselineS;
        this.rateHz = rateHz;
    }

    /**
     * One measured run into {@code dir}.
     *
     * @param enginePid the engine's process for the process meter, negative when unknown (a remote server)
     */
    public Measured measure(ChatStream stream, Composition composition, long enginePid, Path dir, Events events,
                            BooleanSupplier cancel) throws IOException, InterruptedException, MeterException {
        Files.createDirectories(dir);
        MeterFactory.Opened opened = meters.open(meterNames, enginePid);
        if (opened.meters().isEmpty()) {
            return unmeasured(stream, composition, events, cancel, opened.statuses());
        }
        EnergySession session = EnergySession.start(opened, clock, rateHz, dir.resolve("power.csv"));
        long[] baseline;
        ChatExchange exchange;
        try (session) {
            events.event("baseline_start", LabMaps.of("duration_s", baselineS, "meters", used(opened.statuses())));
            baseline = session.idle(baselineS);
            // one copy of the samples so far, for the page's baseline figure; analyse() reads the final trace
            PowerTrace live = session.liveTrace();
            Map<String, Double> idle = PowerSummary.idlePowers(live, baseline[0], baseline[1], session.periodNs(),
                    new ArrayList<>());
            PowerSummary idleSummary = PowerSummary.of(live, baseline[0], baseline[1], session.periodNs(), idle);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("idle_power_w", LabMaps.num(idleSummary.idleTotalPowerW()));
            b.put("domains", idleSummary.totals().description());
            events.event("baseline", b);
            events.event("mark", mark("send", session));
            boolean[] first = {false};
            exchange = stream.send(composition, (text, thinking) -> {
                if (!first[0]) {
                    first[0] = true;
                    events.event("mark", mark("first_token", session));
                }
                events.text(text, thinking);
            }, cancel);
            events.event("mark", mark("end", session));
            // one more sample after the end mark, so that the last window is inside the trace, not extrapolated
            Thread.sleep(java.time.Duration.ofNanos(session.periodNs() + session.periodNs() / 2));
        }
        return analyse(session, baseline, exchange, dir);
    }

    /** No meter on this machine: the run is streamed and timed, and its energy is left to the benchmark estimate. */
    private Measured unmeasured(ChatStream stream, Composition composition, Events events, BooleanSupplier cancel,
                                List<MeterStatus> statuses) {
        events.event("baseline_start", LabMaps.of("duration_s", 0, "meters", List.of()));
        long anchor = clock.nanoTime();
        events.event("mark", LabMaps.of("mark", "send", "t_s", 0.0));
        boolean[] first = {false};
        ChatExchange x = stream.send(composition, (text, thinking) -> {
            if (!first[0]) {
                first[0] = true;
                events.event("mark", LabMaps.of("mark", "first_token", "t_s", (clock.nanoTime() - anchor) / 1e9));
            }
            events.text(text, thinking);
        }, cancel);
        events.event("mark", LabMaps.of("mark", "end", "t_s", (clock.nanoTime() - anchor) / 1e9));
        List<String> why = statuses.stream().filter(st -> st.reason() != null)
                .map(st -> st.name() + ": " + st.reason()).toList();
        List<String> warnings = new ArrayList<>();
        warnings.add("no meter could be opened, so this run is estimated from the session's benchmark"
                + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
        return new Measured(x, false, null, WindowFigures.NONE, WindowFigures.NONE, WindowFigures.NONE, null, "none",
                ModelEfficiency.json(-1, 0, null, null), List.of(), List.of(), null, warnings);
    }

    private Measured analyse(EnergySession session, long[] baseline, ChatExchange x, Path dir) throws IOException {
        List<String> warnings = new ArrayList<>(session.meterWarnings());
        Map<String, Double> idle = baseline[1] > baseline[0] ? PowerSummary.idlePowers(session.trace(), baseline[0],
                baseline[1], session.periodNs(), warnings) : Map.of();
        long split = x.firstTokenNs() > 0 ? x.firstTokenNs() : x.endNs();
        PowerSummary total = PowerSummary.of(session.trace(), x.sendNs(), x.endNs(), session.periodNs(), idle);
        PowerSummary prefill = PowerSummary.of(session.trace(), x.sendNs(), split, session.periodNs(), idle);
        PowerSummary decode = PowerSummary.of(session.trace(), split, x.endNs(), session.periodNs(), idle);
        warnings.addAll(total.warnings());
        total.totalActive().invalidWarning("the run's total (" + total.totals().description() + ")")
                .ifPresent(warnings::add);
        boolean hasEnergy = !total.totals().totalDomainIds().isEmpty();
        String estimateLabel = EstimateLabel.of(total.totals(), session.trace().domains()).orElse(null);
        RequestRecord record = new RequestRecord(0, false, x.sendNs(), x.firstTokenNs(), x.endNs(), x.promptTokens(),
                x.outputTokens() + x.thinkingTokens(), x.outputTokens() + x.thinkingTokens(), !x.tokensCounted(),
                x.ok() ? RequestStatus.OK : RequestStatus.PROTOCOL_ERROR, x.error(), x.ok() ? 200 : 0, null,
                x.thinkingTokens(), x.engineTimings());
        try (JsonlWriter rows = new JsonlWriter(dir.resolve("requests.jsonl"))) {
            new RequestRows(rows, session.anchorNs()).append(record);
        }
        Verification verification = null;
        Map<String, Object> mEff = ModelEfficiency.json(x.engineTimings() == null ? -1 : x.engineTimings().activeNs(),
                x.endNs() - x.sendNs(), LabMaps.num(total.figures().llmEnergyJ()),
                LabMaps.num(total.figures().totalEnergyJ()));
        if (hasEnergy) {
            Map<String, Object> energy = session.summary(x.sendNs(), x.endNs(), baseline,
                    x.outputTokens() + x.thinkingTokens());
            energy.putAll(mEff);
            AtomicFiles.write(dir.resolve("summary.json"), LabJson.write(Map.of("energy", energy))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            verification = Verifier.verify(dir);
        }
        double anchor = session.anchorNs();
        return new Measured(x, hasEnergy, estimateLabel, WindowFigures.of(prefill, (x.sendNs() - anchor) / 1e9),
                WindowFigures.of(decode, (split - anchor) / 1e9), WindowFigures.of(total, (x.sendNs() - anchor) / 1e9),
                LabMaps.num(total.idleTotalPowerW()), total.totals().description(), mEff, used(session.statuses()),
                session.devices(), verification, warnings);
    }

    private static Map<String, Object> mark(String name, EnergySession session) {
        return LabMaps.of("mark", name, "t_s", (session.now() - session.anchorNs()) / 1e9);
    }

    private static List<String> used(List<MeterStatus> statuses) {
        return statuses.stream().filter(MeterStatus::used).map(MeterStatus::name).toList();
    }

    /**
     * What one run measured.
     *
     * @param measured      true when a meter gave energy; false: the run has only benchmark estimates
     * @param estimateLabel why the measured total is itself an estimate (a CPU power model), null for counters
     * @param idlePowerW    the total's baseline power, null without one
     * @param mEff          lem-core's {@code m_eff_*} fields
     * @param verification  lem verify's recomputation of summary.json from power.csv, null without energy
     */
    public record Measured(ChatExchange exchange, boolean measured, String estimateLabel, WindowFigures prefill,
                           WindowFigures decode, WindowFigures total, Double idlePowerW, String domains,
                           Map<String, Object> mEff, List<String> meters, List<Map<String, Object>> devices,
                           Verification verification, List<String> warnings) {
    }
}
