package io.lem.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a study file:
 * <pre>
 * study_name: demo
 * engine: {type: embedded, preset: small, parallel: 2, threads: 1}
 * workload: {requests: 16, concurrency: 2, max_output_tokens: 32}
 * experiments:            # each entry overrides the keys above
 *   - {engine.parallel: 1, workload.concurrency: 1}
 *   - {engine.parallel: 4, workload.concurrency: 4}
 * </pre>
 * Sections may be nested maps or dotted keys; both end up as the flat keys of {@link ConfigSchema}.
 */
public final class StudyLoader {

    private static final Set<String> TOP_LEVEL = Set.of("study_name", "experiments", "engine", "workload", "measurement");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

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
        return parse(text, file.getFileName().toString(), cliOverrides);
    }

    public static StudyConfig parse(String yaml, String sourceName, Map<String, ?> cliOverrides) {
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
                    + "measurement and experiments; fix: see the README's study file example");
        }
        Map<String, Object> base = new LinkedHashMap<>();
        List<Map<String, Object>> overrides = new ArrayList<>();
        String studyName = Defaults.STUDY_NAME;
        for (Map.Entry<?, ?> entry : top.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!TOP_LEVEL.contains(section)) {
                throw new ConfigException(key, "unknown key; fix: use one of " + TOP_LEVEL.stream().sorted().toList());
            }
            switch (section) {
                case "study_name" -> studyName = String.valueOf(entry.getValue());
                case "experiments" -> overrides.addAll(experiments(entry.getValue()));
                default -> flatten(key, entry.getValue(), base);
            }
        }
        base.putAll(cliOverrides);
        if (overrides.isEmpty()) {
            overrides.add(Map.of());
        }
        List<ExperimentConfig> experiments = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            Map<String, Object> merged = new LinkedHashMap<>(base);
            merged.putAll(overrides.get(i));
            merged.putAll(cliOverrides);
            try {
                experiments.add(ExperimentConfig.resolve(i + 1, merged));
            } catch (ConfigException e) {
                boolean fromOverride = e.field() != null && overrides.get(i).containsKey(e.field());
                throw fromOverride ? new ConfigException("experiments[" + i + "]." + e.field(),
                        e.getMessage().substring(e.field().length() + 2)) : e;
            }
        }
        return new StudyConfig(studyName, experiments);
    }

    private static List<Map<String, Object>> experiments(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("experiments", "must be a list of maps of overrides; fix: write e.g. "
                    + "'- {engine.parallel: 2}' entries");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>) && list.get(i) != null) {
                throw new ConfigException("experiments[" + i + "]", "'" + list.get(i) + "' is not a map of overrides; "
                        + "fix: write e.g. {engine.parallel: 2}");
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            if (list.get(i) instanceof Map<?, ?> map) {
                try {
                    map.forEach((k, v) -> flatten(String.valueOf(k), v, flat));
                } catch (ConfigException e) {
                    throw new ConfigException("experiments[" + i + "]." + e.field(),
                            e.getMessage().substring(e.field().length() + 2));
                }
            }
            result.add(flat);
        }
        return result;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return;
            }
            map.forEach((k, v) -> flatten(prefix + "." + k, v, into));
            return;
        }
        ConfigSchema.key(prefix); // unknown keys fail here, with the list of valid ones
        into.put(prefix, value);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }
}
