package io.lem.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one evaluator of a warm-up's {@link WarmupRule}s: which request is warm-up when it is sent ({@link #warm}), what
 * an adaptive warm-up still waits for ({@link #pending}) and the {@code timeline.warmup_stopped_because} wording.
 *
 * @param rules in the order they are checked: a count first, then duration, latency CV, thermal floor
 * @param capS  an adaptive warm-up ends here even when a rule is not met
 */
public record WarmupRules(List<WarmupRule> rules, double capS) {

    /** What a convergence rule reads of the load so far. */
    public interface Probe {

        /** The latency CV of the last {@code window} ok requests, NaN while fewer have completed. */
        double latencyCv(int window);

        /** The temperature gauges sampled and their largest |slope| in C/min over the thermal rule's minimum. */
        Thermal thermal();
    }

    /** A reading of the temperature gauges. */
    public record Thermal(int gauges, double maxSlopeCPerMin) {
    }

    public WarmupRules {
        rules = List.copyOf(rules);
    }

    /** lem load's leading portion: a count or a duration of sends, no cap. */
    public static WarmupRules of(Extent warmup) {
        return new WarmupRules(List.of(switch (warmup) {
            case Extent.Requests(int n) -> new WarmupRule.Count(n);
            case Extent.Seconds(double s) -> new WarmupRule.Duration(s);
        }), 0);
    }

    /** lem run's warm-up: a count, then the convergence rules that are switched on. */
    public static WarmupRules of(int requests, double durationS, double cv, int cvWindow, boolean thermal,
                                 double thermalCPerMin, double thermalMinS, double capS) {
        List<WarmupRule> rules = new ArrayList<>();
        rules.add(new WarmupRule.Count(requests));
        if (durationS > 0) {
            rules.add(new WarmupRule.Duration(durationS));
        }
        if (cv > 0) {
            rules.add(new WarmupRule.LatencyCv(cv, cvWindow));
        }
        if (thermal) {
            rules.add(new WarmupRule.Thermal(thermalCPerMin, thermalMinS));
        }
        return new WarmupRules(rules, capS);
    }

    /** The count rule's requests (0 without one). */
    public int count() {
        return rules.stream().mapToInt(r -> r instanceof WarmupRule.Count(int n) ? n : 0).sum();
    }

    /** True when some rule goes beyond a count: rounds follow the first batch until {@link #pending} is null. */
    public boolean adaptive() {
        return rules.stream().anyMatch(r -> !(r instanceof WarmupRule.Count));
    }

    /**
     * Whether the request at {@code index}, sent {@code offsetNs} after the start, is warm-up by a count or a
     * duration rule. The convergence rules cannot say at send time.
     */
    public boolean warm(int index, long offsetNs) {
        for (WarmupRule rule : rules) {
            boolean warm = switch (rule) {
                case WarmupRule.Count(int n) -> index < n;
                case WarmupRule.Duration d -> offsetNs < d.nanos();
                case WarmupRule.LatencyCv c -> throw new IllegalStateException("a latency CV rule does not classify"
                        + " a request as it is sent");
                case WarmupRule.Thermal t -> throw new IllegalStateException("a thermal rule does not classify"
                        + " a request as it is sent");
            };
            if (warm) {
                return true;
            }
        }
        return false;
    }

    /**
     * What an adaptive warm-up still waits for after {@code elapsedS}, or null when every rule is met. A thermal rule
     * without a gauge is skipped, with its warning added once to {@code warnings}.
     */
    public String pending(double elapsedS, Probe probe, List<String> warnings) {
        for (WarmupRule rule : rules) {
            String pending = switch (rule) {
                case WarmupRule.Count c -> null;
                case WarmupRule.Duration(double s) -> elapsedS < s
                        ? String.format(Locale.ROOT, "the %.0f s minimum", s) : null;
                case WarmupRule.LatencyCv(double below, int window) -> {
                    double cv = probe.latencyCv(window);
                    yield cv < below ? null : String.format(Locale.ROOT, "latency CV < %.3f (now %s)", below,
                            Double.isNaN(cv) ? "n/a" : String.format(Locale.ROOT, "%.3f", cv));
                }
                case WarmupRule.Thermal(double maxSlope, double minS) -> thermalPending(elapsedS, maxSlope, minS,
                        probe, warnings);
            };
            if (pending != null) {
                return pending;
            }
        }
        return null;
    }

    private static String thermalPending(double elapsedS, double maxSlope, double minS, Probe probe,
                                         List<String> warnings) {
        if (elapsedS < minS) {
            return String.format(Locale.ROOT, "the %.0f s thermal minimum", minS);
        }
        Thermal check = probe.thermal();
        if (check.gauges() == 0) {
            String w = "thermal floor requested but no temperature gauge is sampled: skipped";
            if (!warnings.contains(w)) {
                warnings.add(w);
            }
            return null;
        }
        return check.maxSlopeCPerMin() < maxSlope ? null : String.format(Locale.ROOT,
                "temperature to settle below %.2f C/min (now %.2f)", maxSlope, check.maxSlopeCPerMin());
    }

    /** Why a warm-up of the count alone stopped. */
    public String countReason() {
        return "count (" + count() + " requests)";
    }

    /** Why an adaptive warm-up stopped once every rule was met. */
    public String convergedReason(double elapsedS) {
        List<String> parts = new ArrayList<>();
        for (WarmupRule rule : rules) {
            switch (rule) {
                case WarmupRule.Count c -> { }
                case WarmupRule.Duration d -> parts.add("duration");
                case WarmupRule.LatencyCv c -> parts.add("latency CV");
                case WarmupRule.Thermal t -> parts.add("thermal floor");
            }
        }
        return String.format(Locale.ROOT, "%s met after %.1f s", String.join(" + ", parts), elapsedS);
    }

    /** Why an adaptive warm-up stopped at the cap while {@code pending} was not met. */
    public String capReason(String pending) {
        return String.format(Locale.ROOT, "cap of %.0f s reached while waiting for %s", capS, pending);
    }
}
