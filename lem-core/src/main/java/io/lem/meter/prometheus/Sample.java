package io.lem.meter.prometheus;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sample line: {@code name{labels} value [timestamp]}. Label order on the wire carries no meaning, so the
 * labels are a map and two samples with the same labels in another order are equal.
 *
 * @param name        the sample's own name ({@code x_bucket}, {@code x_sum} for a histogram {@code x})
 * @param labels      unescaped label values by label name
 * @param value       the value; NaN and ±Inf as written
 * @param timestampMs the optional timestamp in ms since the epoch
 */
public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestampMs) {

    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(timestampMs, "timestampMs");
    }

    /** The label's value, or null when the sample has no such label. */
    public String label(String labelName) {
        return labels.get(labelName);
    }
}
