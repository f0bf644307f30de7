package io.lem.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.lem.analysis.Distribution;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.config.Defaults;
import io.lem.config.MeasurementConfig;
import io.lem.load.LoadStop;
import io.lem.load.PhaseRules;
import io.lem.time.Clock;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

/**
 * Runs the warm-up of docs/methodology.md: a fixed count of requests, then, when asked, more rounds of {@code concurrency}
 * requests until a minimum duration has passed, the latency CV of the last k requests is below a threshold, and
 * every temperature gauge has settled (thermal floor) — always within a cap. The rules are {@link PhaseRules}, the
 * set lem load's portions use too; the outcome says which rule stopped it.
 */
final class WarmupRunner {

    /** Runs one batch of warm-up requests to its end (a closed loop) and returns their records. */
    @FunctionalInterface
    interface Round {
        List<RequestRecord> run(List<PromptRequest> requests) throws InterruptedException;
    }

    private final PhaseRules rules;
    private final Clock clock;
    private final Supplier<PowerTrace> liveTrace;

    WarmupRunner(MeasurementConfig.Warmup w, Clock clock, Supplier<PowerTrace> liveTrace) {
        this.rules = PhaseRules.warmup(w.requests(), w.durationS(), w.cv(), w.cvWindow(), w.thermal(),
                w.thermalCPerMin(), Defaults.WARMUP_THERMAL_MIN_S, w.maxS());
        this.clock = clock;
        this.liveTrace = liveTrace;
    }

    /**
     * @param round runs each batch (lem run: the load engine, {@link io.lem.load.Loads#run})
     * @param pool  prompts to cycle through (warm-up requests are numbered from 0 on their own)
     * @param stop  ends the warm-up at once (no more rounds) when the engine fails
     */
    Outcome run(Round round, List<PromptRequest> pool, int concurrency, LoadStop stop) throws InterruptedException {
        long startNs = clock.nanoTime();
        List<RequestRecord> done = new ArrayList<>(round.run(take(pool, 0, rules.count())));
        List<String> warnings = new ArrayList<>();
        String reason = rules.countReason();
        if (rules.adaptive()) {
            reason = null;
            PhaseRules.Probe probe = new PhaseRules.Probe() {
                @Override
                public double latencyCv(int window) {
                    return WarmupRunner.latencyCv(done, window);
                }

                @Override
                public PhaseRules.Thermal thermal() {
                    ThermalCheck check = WarmupRunner.thermal(liveTrace.get(), clock.nanoTime());
                    return new PhaseRules.Thermal(check.gauges(), check.maxSlopeCPerMin());
                }
            };
            while (reason == null && !stop.stopped()) {
                double elapsedS = (clock.nanoTime() - startNs) / 1e9;
                String pending = rules.pending(elapsedS, probe, warnings);
                if (pending == null) {
                    reason = rules.convergedReason(elapsedS);
                } else if (elapsedS >= rules.capS()) {
                    reason = rules.capReason(pending);
                    warnings.add("warm-up did not converge: " + reason);
                } else {
                    done.addAll(round.run(take(pool, done.size(), Math.max(1, concurrency))));
                }
            }
        }
        return new Outcome(done, startNs, clock.nanoTime(), reason, warnings);
    }

    private static double latencyCv(List<RequestRecord> done, int window) {
        List<RequestRecord> ok = done.stream().filter(RequestRecord::ok).toList();
        if (ok.size() < window) {
            return Double.NaN;
        }
        return Distribution.of(ok.subList(ok.size() - window, ok.size()).stream()
                .mapToDouble(RequestRecord::e2eMs).toArray()).cv();
    }

    /** Largest |slope| (least squares, C/min) of the temperature gauges over the last minute of the trace. */
    static ThermalCheck thermal(PowerTrace trace, long nowNs) {
        int gauges = 0;
        double worst = 0;
        long[] times = trace.timesNs();
        for (int d = 0; d < trace.domains().size(); d++) {
            var domain = trace.domains().get(d);
            if (domain.quantity() != Quantity.GAUGE || !domain.id().endsWith("temperature_c")) {
                continue;
            }
            gauges++;
            double[] values = trace.values(d);
            long from = nowNs - (long) (Defaults.WARMUP_THERMAL_MIN_S * 1e9);
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int n = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= from && times[i] <= nowNs && Double.isFinite(values[i])) {
                    double x = (times[i] - from) / 60e9;
                    sx += x;
                    sy += values[i];
                    sxx += x * x;
                    sxy += x * values[i];
                    n++;
                }
            }
            double denominator = n * sxx - sx * sx;
            double slope = n < 2 || denominator == 0 ? Double.POSITIVE_INFINITY : (n * sxy - sx * sy) / denominator;
            worst = Math.max(worst, Math.abs(slope));
        }
        return new ThermalCheck(gauges, worst);
    }

    private static List<PromptRequest> take(List<PromptRequest> pool, int firstId, int count) {
        List<PromptRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PromptRequest p = pool.get((firstId + i) % pool.size());
            out.add(new PromptRequest(firstId + i, true, p.prompt(), p.maxOutputTokens(), p.seed()));
        }
        return out;
    }

    record ThermalCheck(int gauges, double maxSlopeCPerMin) {
    }

    /** The warm-up requests, its window, and why it stopped. */
    record Outcome(List<RequestRecord> records, long startNs, long endNs, String stoppedBecause, List<String> warnings) {
    }
}
