package io.lem.config;

import java.util.List;

/** How energy is measured: which meters, how often, and the idle and warm-up windows. */
public record MeasurementConfig(List<String> meters, double sampleRateHz, double baselineS, double baselineAfterS,
                                Warmup warmup) {

    public MeasurementConfig {
        meters = List.copyOf(meters);
    }

    /**
     * Warm-up rules, applied in order, all excluded from results: {@code requests} first; then more rounds while
     * {@code durationS} has not elapsed, the latency CV of the last {@code cvWindow} requests is above {@code cv}
     * (when {@code cv > 0}), or a temperature gauge still moves faster than {@code thermalCPerMin} (when
     * {@code thermal}); never longer than {@code maxS}.
     */
    public record Warmup(int requests, double durationS, double cv, int cvWindow, boolean thermal,
                         double thermalCPerMin, double maxS) {

        public boolean adaptive() {
            return durationS > 0 || cv > 0 || thermal;
        }
    }

    public int warmupRequests() {
        return warmup.requests();
    }
}
