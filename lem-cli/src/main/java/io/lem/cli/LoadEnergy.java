package io.lem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.client.RequestRecord;
import io.lem.load.LoadRecord;
import io.lem.meter.Clock;
import io.lem.meter.MeterException;
import io.lem.study.EnergySession;
import io.lem.study.LocalMeters;
import io.lem.study.MeterFactory;

/**
 * {@code lem load --meters}: the same measuring as {@code lem run} (sampler, power.csv, idle baseline, window energy)
 * around a load against any server. Off unless meters are named.
 */
final class LoadEnergy implements AutoCloseable {

    static final String POWER_FILE = "power.csv";

    private final EnergySession session;
    private final long[] baseline;

    private LoadEnergy(EnergySession session, long[] baseline) {
        this.session = session;
        this.baseline = baseline;
    }

    static LoadEnergy off() {
        return new LoadEnergy(null, null);
    }

    /** Opens the meters, starts sampling into power.csv and idles {@code baselineS} before returning. */
    static LoadEnergy start(List<String> meters, long enginePid, double rateHz, double baselineS, Path output,
                            Clock clock, long anchorNs, PrintWriter err) throws IOException, InterruptedException, MeterException {
        MeterFactory.Opened opened = LocalMeters.system().open(meters, enginePid);
        EnergySession session = EnergySession.start(opened, clock, anchorNs, rateHz, output.resolve(POWER_FILE));
        if (baselineS > 0) {
            err.printf(Locale.ROOT, "lem load: idle baseline %.0f s (meters: %s)%n", baselineS,
                    String.join(", ", opened.statuses().stream().filter(s -> s.used()).map(s -> s.name()).toList()));
            err.flush();
        }
        return new LoadEnergy(session, session.idle(baselineS));
    }

    boolean on() {
        return session != null;
    }

    /** Stops sampling; the energy of the measured requests' window, per output token; null when off. */
    Map<String, Object> finish(List<LoadRecord> records) throws IOException {
        if (session == null) {
            return null;
        }
        session.close();
        List<RequestRecord> measured = records.stream().filter(LoadRecord::measured).map(LoadRecord::request).toList();
        long t0 = measured.stream().mapToLong(RequestRecord::sendNs).min().orElse(baseline[1]);
        long t1 = measured.stream().mapToLong(RequestRecord::endNs).max().orElse(t0);
        long tokens = measured.stream().filter(RequestRecord::ok).mapToLong(r -> Math.max(0, r.completionTokens())).sum();
        Map<String, Object> summary = session.summary(t0, t1, baseline, tokens);
        summary.putAll(modelEfficiency(measured, t1 - t0, summary));
        return summary;
    }

    /**
     * The Energy Lab's M_eff: E_llm (or the total when no process meter ran) scaled by the share of the window the
     * engine reports as evaluating (Ollama's prompt_eval + eval durations, summed over requests, clamped to 1).
     * Null when the engine reports no durations.
     */
    static Map<String, Object> modelEfficiency(List<RequestRecord> measured, long windowNs, Map<String, Object> energy) {
        long activeNs = 0;
        for (RequestRecord r : measured) {
            if (!r.ok() || r.engineTimings() == null || r.engineTimings().activeNs() < 0) {
                return noModelEfficiency();
            }
            activeNs += r.engineTimings().activeNs();
        }
        Object base = energy.get("llm_energy_j") != null ? energy.get("llm_energy_j") : energy.get("total_energy_j");
        if (!(base instanceof Number e) || windowNs <= 0 || measured.isEmpty()) {
            return noModelEfficiency();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        double share = Math.clamp((double) activeNs / windowNs, 0, 1);
        double mEff = e.doubleValue() * share;
        json.put("m_eff_j", mEff);
        json.put("m_eff_deviation", e.doubleValue() == 0 ? null : Math.abs(mEff - e.doubleValue()) / e.doubleValue());
        json.put("m_eff_definition", "E_llm x clamp(sum of engine-reported prompt_eval + eval durations / window, 0, 1)"
                + " (Energy Lab); deviation = |M_eff - E_llm| / E_llm");
        return json;
    }

    private static Map<String, Object> noModelEfficiency() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("m_eff_j", null);
        json.put("m_eff_deviation", null);
        return json;
    }

    @Override
    public void close() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
