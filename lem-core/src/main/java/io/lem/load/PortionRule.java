package io.lem.load;

import io.lem.config.ConfigException;

/**
 * Decides whether a request is warm-up, measured or cool-down from its index and its send offset. Warm-up wins
 * where the two overlap; it is decided by the warm-up rule set that lem run shares ({@link WarmupRules#warm}).
 *
 * @param totalRequests requests in the run, or -1 when the run stops by time (count-based cool-down impossible)
 * @param endNs         offset where sending stops, or -1 when the run stops by count (time-based cool-down impossible)
 * @param warmupRules   {@code warmup} as the shared warm-up rule set
 */
public record PortionRule(Extent warmup, Extent cooldown, int totalRequests, long endNs, WarmupRules warmupRules) {

    public PortionRule(Extent warmup, Extent cooldown, int totalRequests, long endNs) {
        this(warmup, cooldown, totalRequests, endNs, WarmupRules.of(warmup));
    }

    public PortionRule {
        if (cooldown instanceof Extent.Requests(int n) && n > 0 && totalRequests < 0) {
            throw new ConfigException("cooldown", "a cool-down of " + n + " requests needs a known request count, but "
                    + "this run stops by time; fix: give the cool-down in seconds");
        }
        if (cooldown instanceof Extent.Seconds(double s) && s > 0 && endNs < 0) {
            throw new ConfigException("cooldown", "a cool-down of " + s + " s needs a known end, but this closed-loop "
                    + "run stops by request count; fix: give the cool-down as a request count");
        }
    }

    public Portion classify(int index, long offsetNs) {
        if (warmupRules.warm(index, offsetNs)) {
            return Portion.WARMUP;
        }
        boolean cool = switch (cooldown) {
            case Extent.Requests(int n) -> n > 0 && index >= totalRequests - n;
            case Extent.Seconds s -> s.nanos() > 0 && offsetNs >= endNs - s.nanos();
        };
        return cool ? Portion.COOLDOWN : Portion.MEASURED;
    }
}
