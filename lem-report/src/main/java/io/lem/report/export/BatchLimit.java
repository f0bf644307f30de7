package io.lem.report.export;

import java.util.Map;

import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineDrivers;

/**
 * A run's batch limit B (the engine's {@code max_num_seqs} or slots) from its resolved config, by the rule the study
 * uses for its validity checks: the engine driver's answer when the driver is on the class path, else
 * {@code engine.parallel} (the embedded engine's slots). Null when neither gives one.
 */
final class BatchLimit {

    private BatchLimit() {
    }

    static Long of(Map<String, Object> config) {
        if (config.isEmpty()) {
            return null;
        }
        try {
            ExperimentConfig resolved = ExperimentConfig.resolve(1, config);
            int b = EngineDrivers.discover().forType(resolved.engine().type()).batchLimit(resolved.engine());
            return b > 0 ? (long) b : null;
        } catch (RuntimeException e) {
            // an old or foreign config lem cannot resolve any more, or no driver for its engine type here
            return config.get("engine.parallel") instanceof Number n ? n.longValue() : null;
        }
    }
}
