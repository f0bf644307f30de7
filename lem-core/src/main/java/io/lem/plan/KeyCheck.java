package io.lem.plan;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.lem.config.ConfigException;
import io.lem.config.ConfigKey;
import io.lem.config.ConfigSchema;

/**
 * Checks one dotted key and its value at the place the study file wrote it, so that an error names that place
 * ({@code sweep.engine.parallel[2]: expected a positive integer, got -1}) and not only the bare key. Values of
 * {@link ConfigSchema} keys are coerced by the schema; keys under a managed engine's own section
 * ({@code engine.vllm.max_num_seqs}) pass through unchecked, since they become that engine's command-line flags
 * and only the engine knows them (issue 9).
 */
final class KeyCheck {

    private final Set<String> managedEngines;

    KeyCheck(Set<String> managedEngines) {
        this.managedEngines = Set.copyOf(managedEngines);
    }

    /** True for {@code engine.<managed engine>.<flag>}: a key passed through to the engine's command line. */
    boolean isEngineFlag(String key) {
        if (!key.startsWith("engine.")) {
            return false;
        }
        int dot = key.indexOf('.', "engine.".length());
        return dot > 0 && dot < key.length() - 1 && managedEngines.contains(key.substring("engine.".length(), dot));
    }

    /** Returns the value to keep: the schema's coerced value, or an engine flag's value as written. */
    Object check(String path, String key, Object raw) {
        if (isEngineFlag(key)) {
            return raw;
        }
        String engineSection = key.startsWith("engine.") ? key.substring("engine.".length()) : "";
        if (managedEngines.contains(engineSection)) {
            throw new ConfigException(path, "expected a map of " + engineSection + " flags, got " + shown(raw)
                    + "; fix: write them as " + key + ".<flag>: <value>");
        }
        ConfigKey schemaKey = ConfigSchema.keys().get(key);
        if (schemaKey == null) {
            String section = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : "";
            List<String> near = ConfigSchema.keys().keySet().stream()
                    .filter(k -> !section.isEmpty() && k.startsWith(section)).toList();
            throw new ConfigException(path, "unknown key '" + key + "'; fix: use one of "
                    + (near.isEmpty() ? ConfigSchema.keys().keySet() : near)
                    + (section.equals("engine.") ? ", or engine.<engine>.<flag> for the flags of a managed engine "
                    + managedEngines.stream().sorted().toList() : ""));
        }
        return coerce(path, schemaKey, raw);
    }

    /** Coerces through a key, rewording a failure as "expected …, got …; fix: …" at {@code path}. */
    static Object coerce(String path, ConfigKey key, Object raw) {
        try {
            return key.coerce(raw);
        } catch (ConfigException e) {
            throw new ConfigException(path, "expected " + expectation(key, raw) + ", got " + shown(raw) + "; fix: "
                    + fix(key));
        }
    }

    /** Nested maps become dotted keys; an empty map contributes nothing (as in {@code StudyLoader}). */
    static void flatten(String prefix, Object value, BiConsumer<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
            return;
        }
        into.accept(prefix, value);
    }

    static String shown(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }

    private static String expectation(ConfigKey key, Object raw) {
        return switch (key) {
            case ConfigKey.IntKey k -> {
                Long whole = wholeNumber(raw);
                if (whole == null) {
                    yield "an integer";
                }
                if (whole < k.min()) {
                    yield k.min() == 1 ? "a positive integer" : k.min() == 0 ? "a non-negative integer"
                            : "an integer of at least " + k.min();
                }
                yield "an integer of at most " + k.max();
            }
            case ConfigKey.DoubleKey k -> "a number between " + k.min() + " and " + k.max();
            case ConfigKey.ChoiceKey k -> "one of " + k.choices();
            case ConfigKey.TextKey k -> "a text value";
            case ConfigKey.ListKey k -> k.allowed().isEmpty() ? "a list of names" : "a list of " + k.allowed();
            case ConfigKey.TextListKey k -> "a list of text values";
            case ConfigKey.BoolKey k -> "true or false";
        };
    }

    private static String fix(ConfigKey key) {
        return switch (key) {
            case ConfigKey.IntKey k -> "give " + k.name() + " (" + k.help() + ") an integer between " + k.min()
                    + " and " + k.max();
            case ConfigKey.DoubleKey k -> "give " + k.name() + " (" + k.help() + ") a number between " + k.min()
                    + " and " + k.max();
            default -> key.help();
        };
    }

    private static Long wholeNumber(Object raw) {
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (raw instanceof String s && s.strip().matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(s.strip());
        }
        return null;
    }

    static boolean isScalarList(Object value) {
        return value instanceof List<?> list && !list.isEmpty()
                && list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof Collection<?>);
    }
}
