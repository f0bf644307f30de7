package io.lem.meter.prometheus;

import java.util.Locale;
import java.util.Optional;

/** The metric types of the Prometheus text format 0.0.4 ({@code # TYPE} lines). */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    static Optional<MetricType> parse(String token) {
        for (MetricType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(token)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
