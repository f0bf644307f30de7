package io.lem.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.lem.analysis.Distribution;
import io.lem.client.InferenceClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.config.Defaults;
import io.lem.config.MeasurementConfig;
import io.lem.load.ClosedLoop;
import io.lem.load.LoadStop;
import io.lem.load.RecordSink;
import io.lem.time.Clock;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

/**
 * Runs the warm-up of docs/methodology.md: a fixed count of requests, then, when asked, more rounds of {@code concurrency}
 * requests until a minimum duration has passed, the latency CV of the last k requests is below a threshold, and
 * every temperature gauge has settled (thermal floor) — always within a cap. The outcome says which rule stopped it.
 */
final class WarmupRunner {

    private final MeasurementConfig.Warmup rules;
    private final Clock clock;
    private final Supplier<PowerTrace> liveTrace;

    WarmupRunner(MeasurementConfig.Warmup rules, Clock clock, Supplier<PowerTrace> liveTrace) {
        this.rules = rules;
        this.clock = clock;
        this.liveTrace = liveTrace;
    }

    /**
     * @param pool prompts to cycle through (warm-up requests are numbered from 0 on their own)
     * @param stop ends the warm-up at once (no more rounds) when the engine fails
     */
    Outcome run(InferenceClient client, List<PromptRequest> pool, int concurrency, RecordSink sink, LoadStop stop)
            throws InterruptedException {
        long startNs = clock.nanoTime();
        List<RequestRecord> done = new ArrayList<>();
        done.addAll(ClosedLoop.run(client, take(pool, 0, rules.requests()), concurrency, sink, stop));
        List<String> warnings = new ArrayList<>();
        String reason = "count (" + rules.requests() + " requests)";
        if (rules.adaptive()) {
            reason = null;
            while (reason == null && !stop.stopped()) {
                double elapsedS = (clock.nanoTime() - startNs) / 1e9;
                String pending = pending(elapsedS, done, warnings);
                if (pending == null) {
                    reason = describeConvergence(elapsedS);
                } else if (elapsedS >= rules.maxS()) {
                    reason = String.format(Locale.ROOT, "cap of %.0f s reached while waiting for %s", rules.maxS(), pending);
                    warnings.add("warm-up did not converge: " + reason);
                } else {
                    int round = Math.max(1, concurrency);
                    done.addAll(ClosedLoop.run(client, take(pool, done.size(), round), concurrency, sink, stop));
                }
            }
        }
        return new Outcome(done, startNs, clock.nanoTime(), reason, warnings);
    }

    /** What the warm-up still waits for, or null when every rule is met. */
    private String pending(double elapsedS, List<RequestRecord> done, List<String> warnings) {
        if (elapsedS < rules.durationS()) {
            return String.format(Locale.ROOT, "the %.0f s minimum", rules.durationS());
        }
        if (rules.cv() > 0) {
            double cv = latencyCv(done);
            if (!(cv < rules.cv())) {
                return String.format(Locale.ROOT, "latency CV < %.3f (now %s)", rules.cv(),
                        Double.isNaN(cv) ? "n/a" : String.format(Locale.ROOT, "%.3f", cv));
            }
        }
        if (rules.thermal()) {
            if (elapsedS < Defaults.WARMUP_THERMAL_MIN_S) {
                return String.format(Locale.ROOT, "the %.0f s thermal minimum", Defaults.WARMUP_THERMAL_MIN_S);
            }
            ThermalCheck check = thermal(liveTrace.get(), clock.nanoTime());
            if (check.gauges() == 0) {
                String w = "thermal floor requested but no temperature gauge is sampled: skipped";
                if (!warnings.contains(w)) {
                    warnings.add(w);
                }
            } else if (!(check.maxSlopeCPerMin() < rules.thermalCPerMin())) {
                return String.format(Locale.ROOT, "temperature to settle below %.2f C/min (now %.2f)",
                        rules.thermalCPerMin(), check.maxSlopeCPerMin());
            }
        }
        return null;
    }

    private String describeConvergence(double elapsedS) {
        List<String> parts = new ArrayList<>();
        if (rules.durationS() > 0) {
            parts.add("duration");
        }
        if (rules.cv() > 0) {
            parts.add("latency CV");
        }
        if (rules.thermal()) {
            parts.add("thermal floor");
        }
        return String.format(Locale.ROOT, "%s met after %.1f s", String.join(" + ", parts), elapsedS);
    }

    private double latencyCv(List<RequestRecord> done) {
        List<RequestRecord> ok = done.stream().filter(RequestRecord::ok).toList();
        if (ok.size() < rules.cvWindow()) {
            return Double.NaN;
        }
        return Distribution.of(ok.subList(ok.size() - rules.cvWindow(), ok.size()).stream()
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
