package io.lem.meter;

/** What a domain's sampled value means. */
public enum Quantity {
    /** Cumulative energy in joules since the meter opened, already unwrapped: monotonic non-decreasing. */
    ENERGY_J,
    /** Instantaneous (or driver-averaged) power in watts. */
    POWER_W;

    /** The method name written into results: how an energy figure of this domain is obtained. */
    public String method(boolean estimated) {
        if (estimated) {
            return "estimate";
        }
        return this == ENERGY_J ? "counter" : "power-integration";
    }
}
