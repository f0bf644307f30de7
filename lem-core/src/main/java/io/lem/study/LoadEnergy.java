package io.lem.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.lem.analysis.ModelEfficiency;
import io.lem.client.RequestRecord;
import io.lem.load.LoadRecord;
import io.lem.time.Clock;
import io.lem.meter.MeterException;
import io.lem.measure.EnergySession;
import io.lem.measure.MeterFactory;

/**
 * {@code lem load --meters}: the same measuring as {@code lem run} (sampler, power.csv, idle baseline, window energy)
 * around a load against any server. Off unless meters are named.
 */
final class LoadEnergy implements AutoCloseable {

    private final EnergySession session;
    private final long[] baseline;

    private LoadEnergy(EnergySession session, long[] baseline) {
        this.session = session;
        this.baseline = baseline;
    }

    static LoadEnergy off() {
        return new LoadEnergy(null, null);
    }

    /** Opens the meters, starts sampling into {@code powerCsv} and idles {@code baselineS} before returning. */
    static LoadEnergy start(MeterFactory meters, List<String> names, long enginePid, double rateHz, double baselineS,
                            Path powerCsv, Clock clock, long anchorNs, Consumer<String> notes)
            throws IOException, InterruptedException, MeterException {
        MeterFactory.Opened opened = meters.open(names, enginePid);
        EnergySession session = EnergySession.start(opened, clock, anchorNs, rateHz, powerCsv);
        if (baselineS > 0) {
            notes.accept(String.format(Locale.ROOT, "idle baseline %.0f s (meters: %s)", baselineS,
                    String.join(", ", opened.statuses().stream().filter(s -> s.used()).map(s -> s.name()).toList())));
        }
        return new LoadEnergy(session, session.idle(baselineS));
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
        summary.putAll(ModelEfficiency.json(engineActiveNs(measured), t1 - t0,
                (Number) summary.get("llm_energy_j"), (Number) summary.get("total_energy_j")));
        return summary;
    }

    /** Σ of the engine-reported evaluation durations (Ollama's), or -1 when a request lacks them or failed. */
    static long engineActiveNs(List<RequestRecord> measured) {
        if (measured.isEmpty()) {
            return -1;
        }
        long activeNs = 0;
        for (RequestRecord r : measured) {
            if (!r.ok() || r.engineTimings() == null || r.engineTimings().activeNs() < 0) {
                return -1;
            }
            activeNs += r.engineTimings().activeNs();
        }
        return activeNs;
    }

    @Override
    public void close() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
