package io.lem.plan;

import java.util.Map;
import java.util.SequencedMap;

import io.lem.config.ConfigException;
import io.lem.config.ExperimentConfig;

/**
 * Resolves the schema keys of one point into its full settings, or rejects the point by throwing a
 * {@link ConfigException} whose message becomes the point's skip reason. Pluggable so that engine drivers can add
 * rules across keys (a tensor-parallel size that must divide the GPUs) without the grammar knowing them.
 */
@FunctionalInterface
public interface PointValidator {

    SequencedMap<String, Object> resolve(Map<String, Object> schemaKeys);

    /** The rules of {@link ExperimentConfig#resolve}: defaults filled in, every value checked. */
    PointValidator SCHEMA = keys -> new java.util.LinkedHashMap<>(ExperimentConfig.resolve(1, keys).values());
}
