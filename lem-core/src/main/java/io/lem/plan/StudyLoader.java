package io.lem.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.lem.config.ConfigException;
import io.lem.config.ConfigSchema;
import io.lem.config.ExperimentConfig;

/**
 * Reads a study file into a {@link StudyConfig} through {@link StudyPlanner} (README "Study plans"):
 * <pre>
 * study_name: bar-sweep
 * base: common.yaml        # optional: another study file whose keys this one overrides
 * engine: {type: embedded, preset: tiny}
 * workload: {requests: 16, max_output_tokens: 16}
 * sweep:                   # a list of values is an axis; axes are crossed
 *   engine.parallel: [1, 2]
 *   workload.concurrency: [1, 2]
 * experiments:             # optional: entries appended, each over the keys above
 *   - {engine.parallel: 4, workload.concurrency: 4}
 * execution: {cycles: 3, order: shuffle, gap_s: 5}
 * </pre>
 * Sections may be nested maps or dotted keys. CLI overrides ({@code --set key=value}) win over every point;
 * {@code execution.*} overrides replace the file's execution keys (and so never change the design hash).
 */
public final class StudyLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String EXECUTION = "execution.";

    private StudyLoader() {
    }

    public static StudyConfig load(Path file, Map<String, ?> cliOverrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "study file " + file + " does not exist; fix: check the path");
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read study file " + file + ": " + e.getMessage());
        }
        return parse(text, file.getFileName().toString(), file, cliOverrides);
    }

    public static StudyConfig parse(String yaml, String sourceName, Map<String, ?> cliOverrides) {
        return parse(yaml, sourceName, null, cliOverrides);
    }

    private static StudyConfig parse(String yaml, String sourceName, Path file, Map<String, ?> cliOverrides) {
        Object root;
        try {
            root = YAML.readValue(yaml, Object.class);
        } catch (JacksonException e) {
            throw new ConfigException(null, sourceName + " is not valid YAML: " + e.getOriginalMessage()
                    + location(e) + "; fix: correct the syntax");
        }
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException(null, sourceName + " must be a YAML mapping with study_name, engine, workload, "
                    + "measurement, sweep, experiments and execution; fix: see the README's study file example");
        }
        Map<String, Object> schemaOverrides = new LinkedHashMap<>();
        Map<String, Object> executionOverrides = new LinkedHashMap<>();
        cliOverrides.forEach((k, v) -> {
            if (k.startsWith(EXECUTION)) {
                executionOverrides.put(k.substring(EXECUTION.length()), v);
            } else if (ConfigSchema.isSlurmKey(k)) {
                executionOverrides.put(k, v);
            } else {
                ConfigSchema.key(k); // an unknown key fails here, with the list of valid ones
                schemaOverrides.put(k, v);
            }
        });
        if (!schemaOverrides.isEmpty()) {
            ExperimentConfig.resolve(1, schemaOverrides); // a bad --set value names its key, not a skipped point
        }
        Map<Object, Object> tree = new LinkedHashMap<>(top);
        if (!executionOverrides.isEmpty()) {
            Map<Object, Object> execution = new LinkedHashMap<>();
            top.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("execution") && v instanceof Map<?, ?> m) {
                    execution.putAll(m);
                    tree.remove(k);
                } else if (key.startsWith(EXECUTION)) {
                    execution.put(key.substring(EXECUTION.length()), v);
                    tree.remove(k);
                } else if (key.equals(ConfigSchema.SLURM_SECTION) || ConfigSchema.isSlurmKey(key)) {
                    KeyCheck.flatten(key, v, execution::put);
                    tree.remove(k);
                }
            });
            execution.putAll(executionOverrides);
            tree.put("execution", execution);
        }
        PointValidator validator = keys -> {
            Map<String, Object> merged = new LinkedHashMap<>(keys);
            merged.putAll(schemaOverrides);
            return PointValidator.SCHEMA.resolve(merged);
        };
        return new StudyConfig(StudyPlanner.plan(tree, file, PlanOptions.defaults().withValidator(validator)));
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }
}
