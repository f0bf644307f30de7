package io.lem.cli;

import java.util.ListResourceBundle;

import io.lem.config.ConfigSchema;

/**
 * Every key's default, as text, for help texts: {@code ${bundle:measurement.sample_rate_hz}} in an option's
 * description shows the one default of {@link io.lem.config.Defaults}, so help never repeats a number.
 */
public final class KeyDefaults extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        return ConfigSchema.keys().keySet().stream().map(key -> {
            Object value = ConfigSchema.defaultOf(key);
            String text = value == null ? "none" : value instanceof java.util.List<?> l
                    ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
            return new Object[] {key, text};
        }).toArray(Object[][]::new);
    }
}
