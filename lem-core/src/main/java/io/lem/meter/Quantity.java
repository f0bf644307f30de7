package io.lem.meter;

/** What a domain's sampled value means. */
public enum Quantity {
    /** Cumulative energy in joules since the meter opened, already unwrapped: monotonic non-decreasing. */
    ENERGY_J,
    /** Instantaneous (or driver-averaged) power in watts. */
    POWER_W,
    /**
     * Any other reading kept as a time series beside the energy domains (temperature, utilisation, clocks, a second
     * power reading of a GPU already counted): the unit is the id's suffix, e.g. {@code gpu0:temperature_c}. Never
     * summed into an energy total; integrating one over time (trapezoids) is meaningful only for power gauges.
     */
    GAUGE;

    /** The method name written into results: how an energy figure of this domain is obtained. */
    public String method(boolean estimated) {
        if (estimated) {
            return "estimate";
        }
        return switch (this) {
            case ENERGY_J -> "counter";
            case POWER_W -> "power-integration";
            case GAUGE -> "gauge";
        };
    }
}
