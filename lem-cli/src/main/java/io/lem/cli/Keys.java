package io.lem.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.config.ConfigSchema;

/**
 * The keys a command line gives: each flag the user typed is an alias of one key (checked at once, so a bad
 * value names the flag), then {@code --set KEY=VALUE}. A key given both ways is a mistake, not a silent override.
 */
final class Keys {

    private final Map<String, Object> given = new LinkedHashMap<>();
    private final Map<String, String> flags = new LinkedHashMap<>();

    /** Records {@code flag}'s value under {@code key}; a null value (flag not given) is left out. */
    Keys flag(String flag, String key, Object value) {
        if (value == null) {
            return this;
        }
        try {
            ConfigSchema.key(key).coerce(value);
        } catch (ConfigException e) {
            throw new ConfigException(flag, e.getMessage().substring(e.field().length() + 2));
        }
        given.put(key, value);
        flags.put(key, flag);
        return this;
    }

    /** Adds the {@code --set} pairs; keys are checked when the command resolves them. */
    Keys set(Map<String, String> pairs) {
        pairs.forEach((key, value) -> {
            if (flags.containsKey(key)) {
                throw new ConfigException("--set", key + " is given by " + flags.get(key) + " too; fix: give it once");
            }
            given.put(key, value);
        });
        return this;
    }

    Map<String, Object> map() {
        return given;
    }
}
