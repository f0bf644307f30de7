package io.lem.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

import io.lem.config.ExperimentConfig;

/**
 * One unique, valid point of a study: an experiment to run once per cycle.
 *
 * @param index       position in the plan, from 1 (the {@code point} of a {@link Run})
 * @param origin      where it came from: {@code sweep #3}, {@code experiments[0]} or {@code base config}
 * @param declared    the keys its sweep combination or experiment entry set (the factors it varies)
 * @param settings    every schema key with its resolved value
 * @param engineFlags pass-through keys of a managed engine ({@code engine.vllm.max_num_seqs}), unchecked
 * @param hash        {@link PointHash#point} of settings and flags together
 */
public record Point(int index, String origin, SequencedMap<String, Object> declared,
                    SequencedMap<String, Object> settings, SequencedMap<String, Object> engineFlags, String hash) {

    public Point {
        declared = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(declared));
        settings = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(settings));
        engineFlags = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(engineFlags));
    }

    /** Settings and flags in one map: what the point hash and the design hash are computed over. */
    public SequencedMap<String, Object> values() {
        SequencedMap<String, Object> all = new LinkedHashMap<>(settings);
        all.putAll(engineFlags);
        return all;
    }

    /** The point as the experiment runner takes it: its flags reach the engine driver in the engine's options. */
    public ExperimentConfig config() {
        return ExperimentConfig.resolve(index, values());
    }

    public String hash8() {
        return hash.substring(0, 8);
    }

    /** A short label of its declared keys, e.g. {@code engine.parallel=2 workload.concurrency=1}. */
    public String label() {
        if (declared.isEmpty()) {
            return origin;
        }
        StringBuilder label = new StringBuilder();
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            label.append(label.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
        }
        return label.toString();
    }
}
