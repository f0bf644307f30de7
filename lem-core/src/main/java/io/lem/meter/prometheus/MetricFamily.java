package io.lem.meter.prometheus;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * All samples of one metric name, in the order they appeared (possibly interleaved with other families on the
 * wire). A histogram or summary family {@code x} holds its {@code x_bucket}/{@code x}, {@code x_sum} and {@code
 * x_count} samples.
 *
 * @param help the unescaped HELP text, empty when there was none
 */
public record MetricFamily(String name, MetricType type, String help, List<Sample> samples) {

    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        samples = List.copyOf(samples);
    }

    /** The samples whose own name is {@code sampleName} (e.g. {@code x_bucket}). */
    public List<Sample> samples(String sampleName) {
        return samples.stream().filter(s -> s.name().equals(sampleName)).toList();
    }

    /** The first sample named {@code sampleName} carrying all the given labels (others may be present too). */
    public Sample find(String sampleName, Map<String, String> labels) {
        for (Sample s : samples) {
            if (s.name().equals(sampleName) && s.labels().entrySet().containsAll(labels.entrySet())) {
                return s;
            }
        }
        return null;
    }
}
