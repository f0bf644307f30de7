package io.lem.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

import io.lem.config.ConfigException;
import io.lem.config.ConfigSchema;
import io.lem.config.ExperimentConfig;

/** The engine drivers lem knows, by {@code engine.type}: those on the class path, and any given in code. */
public final class EngineDrivers {

    private final Map<String, EngineDriver> byType;

    private EngineDrivers(Map<String, EngineDriver> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The drivers registered on the class path ({@code META-INF/services/io.lem.engine.EngineDriver}). */
    public static EngineDrivers discover() {
        return of(ServiceLoader.load(EngineDriver.class, EngineDrivers.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** These drivers only; a later one wins over an earlier one of the same type. */
    public static EngineDrivers of(List<EngineDriver> drivers) {
        Map<String, EngineDriver> byType = new LinkedHashMap<>();
        drivers.forEach(d -> byType.put(d.type(), d));
        return new EngineDrivers(byType);
    }

    /** These drivers with {@code driver} added, replacing one of the same type (how tests put in a stand-in). */
    public EngineDrivers with(EngineDriver driver) {
        Map<String, EngineDriver> more = new LinkedHashMap<>(byType);
        more.put(driver.type(), driver);
        return new EngineDrivers(more);
    }

    /** The known types, sorted. */
    public List<String> types() {
        return byType.keySet().stream().sorted().toList();
    }

    /**
     * The driver of an experiment's {@code engine.type}, once its engine keys are checked against the ones the driver
     * reads: a key it does not read, set to anything but its default, would be silently ignored otherwise. Keys of
     * the driver's own section ({@code engine.vllm.*} for {@code vllm}) are its engine's flags and always pass.
     */
    public EngineDriver forExperiment(ExperimentConfig config) {
        EngineDriver driver = forType(config.engine().type());
        Map<String, Object> defaults = ConfigSchema.defaults();
        config.values().forEach((key, value) -> {
            if (key.startsWith("engine.") && !key.equals("engine.type") && !driver.keys().contains(key)
                    && !key.startsWith("engine." + driver.type() + ".") // its own section: passed to its engine
                    && !Objects.equals(value, defaults.get(key) == null ? null
                            : ConfigSchema.key(key).coerce(defaults.get(key)))) {
                throw new ConfigException(key, "engine.type " + driver.type() + " does not read this key; fix: "
                        + "remove it, or use one of " + driver.keys());
            }
        });
        return driver;
    }

    /** @throws ConfigException naming the value and the known types when no driver has that type */
    public EngineDriver forType(String type) {
        EngineDriver driver = byType.get(type);
        if (driver == null) {
            throw new ConfigException("engine.type", byType.isEmpty()
                    ? "'" + type + "' is not a known engine type: no engine driver is on the class path; fix: add "
                            + "lem-llamacpp (the embedded engine) or another driver module"
                    : "'" + type + "' is not a known engine type; fix: use one of " + types());
        }
        return driver;
    }
}
