package io.lem.load;

/**
 * Decides whether a request is warm-up, measured or cool-down from its index and its send offset, by the phase rule
 * sets lem run shares ({@link PhaseRules#covers}). Warm-up wins where the two overlap.
 *
 * @param warmup        the leading phase's rules
 * @param cooldown      the trailing phase's rules
 * @param totalRequests requests in the run, or -1 when the run stops by time (count-based cool-down impossible)
 * @param endNs         offset where sending stops, or -1 when the run stops by count (time-based cool-down impossible)
 */
public record PortionRule(PhaseRules warmup, PhaseRules cooldown, int totalRequests, long endNs) {

    public PortionRule(Extent warmup, Extent cooldown, int totalRequests, long endNs) {
        this(PhaseRules.warmup(warmup), PhaseRules.cooldown(cooldown), totalRequests, endNs);
    }

    public PortionRule {
        if (warmup.phase() != Portion.WARMUP || cooldown.phase() != Portion.COOLDOWN) {
            throw new IllegalArgumentException("warm-up and cool-down rules swapped: " + warmup + ", " + cooldown);
        }
        cooldown.requireEnd(totalRequests, endNs);
    }

    public Portion classify(int index, long offsetNs) {
        if (warmup.covers(index, offsetNs, totalRequests, endNs)) {
            return Portion.WARMUP;
        }
        return cooldown.covers(index, offsetNs, totalRequests, endNs) ? Portion.COOLDOWN : Portion.MEASURED;
    }
}
