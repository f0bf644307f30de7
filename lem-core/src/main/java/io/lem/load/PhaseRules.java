package io.lem.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lem.config.ConfigException;

/**
 * The one evaluator of a phase's {@link PhaseRule}s, for lem run and lem load alike: which request falls in the
 * warm-up or the cool-down when it is sent ({@link #covers}), what an adaptive warm-up still waits for
 * ({@link #pending}) and the {@code timeline.warmup_stopped_because} wording.
 *
 * @param phase {@link Portion#WARMUP} (rules count from the start) or {@link Portion#COOLDOWN} (from the stop)
 * @param rules in the order they are checked: a count first, then duration, latency CV, thermal floor
 * @param capS  an adaptive warm-up ends here even when a rule is not met
 */
public record PhaseRules(Portion phase, List<PhaseRule> rules, double capS) {

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

    public PhaseRules {
        if (phase == Portion.MEASURED) {
            throw new IllegalArgumentException("the measured portion is what the phases leave, not a phase");
        }
        rules = List.copyOf(rules);
        if (phase == Portion.COOLDOWN && rules.stream().anyMatch(r -> r instanceof PhaseRule.LatencyCv
                || r instanceof PhaseRule.Thermal)) {
            throw new IllegalArgumentException("a cool-down is a count or a duration, not a convergence rule");
        }
    }

    /** lem load's leading portion: a count or a duration of sends, no cap. */
    public static PhaseRules warmup(Extent warmup) {
        return new PhaseRules(Portion.WARMUP, List.of(rule(warmup)), 0);
    }

    /** A trailing portion: a count of the last requests or a duration of sends before the stop. */
    public static PhaseRules cooldown(Extent cooldown) {
        return new PhaseRules(Portion.COOLDOWN, List.of(rule(cooldown)), 0);
    }

    private static PhaseRule rule(Extent extent) {
        return switch (extent) {
            case Extent.Requests(int n) -> new PhaseRule.Count(n);
            case Extent.Seconds(double s) -> new PhaseRule.Duration(s);
        };
    }

    /** lem run's warm-up: a count, then the convergence rules that are switched on. */
    public static PhaseRules warmup(int requests, double durationS, double cv, int cvWindow, boolean thermal,
                                 double thermalCPerMin, double thermalMinS, double capS) {
        List<PhaseRule> rules = new ArrayList<>();
        rules.add(new PhaseRule.Count(requests));
        if (durationS > 0) {
            rules.add(new PhaseRule.Duration(durationS));
        }
        if (cv > 0) {
            rules.add(new PhaseRule.LatencyCv(cv, cvWindow));
        }
        if (thermal) {
            rules.add(new PhaseRule.Thermal(thermalCPerMin, thermalMinS));
        }
        return new PhaseRules(Portion.WARMUP, rules, capS);
    }

    /** The count rule's requests (0 without one). */
    public int count() {
        return rules.stream().mapToInt(r -> r instanceof PhaseRule.Count(int n) ? n : 0).sum();
    }

    /** True when some rule goes beyond a count: rounds follow the first batch until {@link #pending} is null. */
    public boolean adaptive() {
        return rules.stream().anyMatch(r -> !(r instanceof PhaseRule.Count));
    }

    /**
     * Whether the request at {@code index}, sent {@code offsetNs} after the start, falls in this phase by a count or
     * a duration rule. The convergence rules cannot say at send time.
     *
     * @param totalRequests requests in the run, or -1 when it stops by time (a cool-down count needs it)
     * @param endNs         offset where sending stops, or -1 when it stops by count (a cool-down duration needs it)
     */
    public boolean covers(int index, long offsetNs, int totalRequests, long endNs) {
        boolean leading = phase == Portion.WARMUP;
        for (PhaseRule rule : rules) {
            boolean in = switch (rule) {
                case PhaseRule.Count(int n) -> leading ? index < n : n > 0 && index >= totalRequests - n;
                case PhaseRule.Duration d -> leading ? offsetNs < d.nanos()
                        : d.nanos() > 0 && offsetNs >= endNs - d.nanos();
                case PhaseRule.LatencyCv c -> throw new IllegalStateException("a latency CV rule does not classify"
                        + " a request as it is sent");
                case PhaseRule.Thermal t -> throw new IllegalStateException("a thermal rule does not classify"
                        + " a request as it is sent");
            };
            if (in) {
                return true;
            }
        }
        return false;
    }

    /** A cool-down counts back from the stop: it needs the run's request count or its end, whichever it counts in. */
    public void requireEnd(int totalRequests, long endNs) {
        if (phase != Portion.COOLDOWN) {
            return;
        }
        for (PhaseRule rule : rules) {
            if (rule instanceof PhaseRule.Count(int n) && n > 0 && totalRequests < 0) {
                throw new ConfigException("cooldown", "a cool-down of " + n + " requests needs a known request count,"
                        + " but this run stops by time; fix: give the cool-down in seconds");
            }
            if (rule instanceof PhaseRule.Duration(double s) && s > 0 && endNs < 0) {
                throw new ConfigException("cooldown", "a cool-down of " + s + " s needs a known end, but this "
                        + "closed-loop run stops by request count; fix: give the cool-down as a request count");
            }
        }
    }

    /**
     * What an adaptive warm-up still waits for after {@code elapsedS}, or null when every rule is met. A thermal rule
     * without a gauge is skipped, with its warning added once to {@code warnings}.
     */
    public String pending(double elapsedS, Probe probe, List<String> warnings) {
        for (PhaseRule rule : rules) {
            String pending = switch (rule) {
                case PhaseRule.Count c -> null;
                case PhaseRule.Duration(double s) -> elapsedS < s
                        ? String.format(Locale.ROOT, "the %.0f s minimum", s) : null;
                case PhaseRule.LatencyCv(double below, int window) -> {
                    double cv = probe.latencyCv(window);
                    yield cv < below ? null : String.format(Locale.ROOT, "latency CV < %.3f (now %s)", below,
                            Double.isNaN(cv) ? "n/a" : String.format(Locale.ROOT, "%.3f", cv));
                }
                case PhaseRule.Thermal(double maxSlope, double minS) -> thermalPending(elapsedS, maxSlope, minS,
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
        for (PhaseRule rule : rules) {
            switch (rule) {
                case PhaseRule.Count c -> { }
                case PhaseRule.Duration d -> parts.add("duration");
                case PhaseRule.LatencyCv c -> parts.add("latency CV");
                case PhaseRule.Thermal t -> parts.add("thermal floor");
            }
        }
        return String.format(Locale.ROOT, "%s met after %.1f s", String.join(" + ", parts), elapsedS);
    }

    /** Why an adaptive warm-up stopped at the cap while {@code pending} was not met. */
    public String capReason(String pending) {
        return String.format(Locale.ROOT, "cap of %.0f s reached while waiting for %s", capS, pending);
    }
}
