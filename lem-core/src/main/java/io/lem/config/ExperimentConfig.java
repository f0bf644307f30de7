package io.lem.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully resolved experiment: every key has a value. Built from a flat map of dotted keys (defaults, then the
 * study's base, then the experiment's overrides), so YAML, flags and the API share one path and one validation.
 *
 * @param index  position in the study, from 1
 * @param values every key of {@link ConfigSchema} with its checked value, in schema order, then any keys of a
 *               managed engine's own section ({@link ConfigSchema#isEngineFlag}) as written
 */
public record ExperimentConfig(int index, Map<String, Object> values, EngineConfig engine, WorkloadConfig workload,
                               MeasurementConfig measurement) {

    /** The engine keys that are {@link EngineConfig}'s own components; the others go to its options. */
    private static final java.util.Set<String> EMBEDDED_KEYS = java.util.Set.of("engine.type", "engine.preset",
            "engine.model", "engine.dtype", "engine.parallel", "engine.threads", "engine.ctx", "engine.batch",
            "engine.seed");

    public ExperimentConfig {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Resolves a flat map of raw values: unknown keys and bad values throw {@link ConfigException}. */
    public static ExperimentConfig resolve(int index, Map<String, ?> overrides) {
        Map<String, Object> values = ConfigSchema.defaults();
        Map<String, Object> flags = new LinkedHashMap<>();
        overrides.forEach((key, raw) -> {
            if (ConfigSchema.isEngineFlag(key)) {
                flags.put(key, raw); // a managed engine's own flag: its engine checks it
                return;
            }
            ConfigKey k = ConfigSchema.key(key);
            if (!ConfigSchema.isExperimentKey(key)) {
                throw new ConfigException(key, "is not a study setting (it belongs to lem load or lem power); fix: use"
                        + " an engine.*, workload.*, measurement.*, gpu.* or carbon.* key");
            }
            // a key without a default may be given as null (a resolved config's values fed back in)
            values.put(key, raw == null && ConfigSchema.defaultOf(key) == null ? null : k.coerce(raw));
        });
        // defaults pass through coerce too, so a default can never escape validation
        values.replaceAll((key, value) -> value == null ? null : ConfigSchema.key(key).coerce(value));
        values.putAll(flags);
        java.util.SequencedMap<String, Object> engineOptions = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("engine.") && !EMBEDDED_KEYS.contains(key)) {
                engineOptions.put(key, value);
            }
        });
        EngineConfig engine = new EngineConfig(
                str(values, "engine.type"), str(values, "engine.preset"), str(values, "engine.model"),
                str(values, "engine.dtype"), integer(values, "engine.parallel"), integer(values, "engine.threads"),
                integer(values, "engine.ctx"), integer(values, "engine.batch"), (Long) values.get("engine.seed"),
                engineOptions);
        if (engine.preset() == null && engine.model() == null) {
            throw new ConfigException("engine.model", "neither engine.model nor engine.preset is set; fix: give a GGUF"
                    + " path in engine.model or a preset name in engine.preset");
        }
        WorkloadConfig workload = new WorkloadConfig(
                integer(values, "workload.requests"), integer(values, "workload.concurrency"),
                integer(values, "workload.input_tokens"), integer(values, "workload.max_output_tokens"),
                (Long) values.get("workload.seed"), (Double) values.get("workload.request_timeout_s"));
        @SuppressWarnings("unchecked")
        List<String> meters = (List<String>) values.get("measurement.meters");
        MeasurementConfig.Warmup warmup = new MeasurementConfig.Warmup(integer(values, "measurement.warmup_requests"),
                (Double) values.get("measurement.warmup_s"), (Double) values.get("measurement.warmup_cv"),
                integer(values, "measurement.warmup_cv_window"),
                Boolean.parseBoolean(str(values, "measurement.warmup_thermal")),
                (Double) values.get("measurement.warmup_thermal_c_per_min"), (Double) values.get("measurement.warmup_max_s"));
        MeasurementConfig measurement = new MeasurementConfig(meters,
                (Double) values.get("measurement.sample_rate_hz"), (Double) values.get("measurement.baseline_s"),
                (Double) values.get("measurement.baseline_after_s"), warmup);
        return new ExperimentConfig(index, values, engine, workload, measurement);
    }

    /** A short, stable label such as {@code small-p2-c2}. */
    public String slug() {
        String model = engine.model() != null
                ? java.nio.file.Path.of(engine.model()).getFileName().toString().replaceFirst("\\.gguf$", "")
                : engine.preset();
        return (model + "-p" + engine.parallel() + "-c" + workload.concurrency())
                .replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /**
     * SHA-256 over the canonical form of every key and value (sorted keys, one per line), the carbon keys left out
     * (they change no physics: {@link ConfigSchema#UNHASHED_SECTIONS}): the same config always
     * has the same hash, on any machine and in any locale.
     */
    public String hash() {
        StringBuilder canonical = new StringBuilder();
        values.entrySet().stream().filter(e -> ConfigSchema.entersHash(e.getKey(), e.getValue())
                        || ConfigSchema.isEngineFlag(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> canonical.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public String hash8() {
        return hash().substring(0, 8);
    }

    private static String str(Map<String, Object> values, String key) {
        return (String) values.get(key);
    }

    private static int integer(Map<String, Object> values, String key) {
        return Math.toIntExact((Long) values.get(key));
    }
}
