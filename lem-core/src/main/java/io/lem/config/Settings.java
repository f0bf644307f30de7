package io.lem.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one command, resolved the one way every source takes: the keys given (from flags, {@code --set}
 * or a builder; each checked by its {@link ConfigKey}), then {@link Defaults} for the rest. {@link #given} tells a
 * value set on purpose from a default, for the rules that depend on it (an explicit stop, opting into meters).
 */
public final class Settings {

    /** The keys {@code lem load} reads. */
    public static final Set<String> LOAD = keys("load.", "host.", "workload.requests", "workload.concurrency",
            "workload.max_output_tokens", "workload.seed", "workload.request_timeout_s", "measurement.meters",
            "measurement.sample_rate_hz", "measurement.baseline_s", "measurement.warmup_requests");
    /** The keys {@code lem power log}, {@code measure} and {@code serve} read. */
    public static final Set<String> POWER = keys("power.", "host.", "measurement.meters", "measurement.sample_rate_hz");

    private final Map<String, Object> given;
    private final Map<String, Object> values;

    private Settings(Map<String, Object> given, Map<String, Object> values) {
        this.given = given;
        this.values = values;
    }

    /**
     * Checks and resolves {@code given} against the keys {@code allowed}: an unknown key, a key another command
     * reads, or a bad value throws a {@link ConfigException} naming it.
     */
    public static Settings resolve(Set<String> allowed, String command, Map<String, ?> given) {
        Map<String, Object> checked = new LinkedHashMap<>();
        given.forEach((key, raw) -> {
            ConfigKey k = ConfigSchema.key(key);
            if (!allowed.contains(key)) {
                throw new ConfigException(key, "is not a setting of " + command + "; fix: use one of "
                        + allowed.stream().filter(a -> a.contains(".") && !a.endsWith(".")).sorted().toList());
            }
            checked.put(key, raw == null ? null : k.coerce(raw));
        });
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : allowed) {
            values.put(key, checked.containsKey(key) ? checked.get(key) : ConfigSchema.defaultOf(key));
        }
        return new Settings(Collections.unmodifiableMap(checked), Collections.unmodifiableMap(values));
    }

    private static Set<String> keys(String... namesOrSections) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String n : namesOrSections) {
            if (n.endsWith(".")) {
                ConfigSchema.keys().keySet().stream().filter(k -> k.startsWith(n)).forEach(keys::add);
            } else {
                keys.add(ConfigSchema.key(n).name());
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    public boolean given(String key) {
        return given.containsKey(key);
    }

    public Object value(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(key + " is not among this command's keys");
        }
        return values.get(key);
    }

    public String text(String key) {
        return (String) value(key);
    }

    public Double decimal(String key) {
        return (Double) value(key);
    }

    public Integer integer(String key) {
        Long v = (Long) value(key);
        return v == null ? null : Math.toIntExact(v);
    }

    public Long whole(String key) {
        return (Long) value(key);
    }

    public boolean bool(String key) {
        return (Boolean) value(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        return (List<String>) value(key);
    }

    /** Every key with its value, for results (what the run used, defaults included). */
    public Map<String, Object> values() {
        return values;
    }
}
