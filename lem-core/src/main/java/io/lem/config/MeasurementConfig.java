package io.lem.config;

import java.util.List;

/** How energy is measured: which meters, how often, and the idle and warm-up windows. */
public record MeasurementConfig(List<String> meters, double sampleRateHz, double baselineS, int warmupRequests) {

    public MeasurementConfig {
        meters = List.copyOf(meters);
    }
}
