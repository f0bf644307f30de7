package io.lem.config;

import java.util.List;

/**
 * One settable key of an experiment, with its type and allowed range. Keys are dotted ({@code engine.parallel}),
 * the same in YAML (nested or dotted), in CLI {@code --set} flags and in the Java API.
 */
public sealed interface ConfigKey {

    String name();

    String help();

    /** Parses and checks a raw value (from YAML, a flag or code); throws {@link ConfigException} naming this key. */
    Object coerce(Object raw);

    record IntKey(String name, long min, long max, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            long value;
            if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                value = n.longValue();
            } else if (raw instanceof String s && s.strip().matches("[-+]?\\d+")) {
                value = Long.parseLong(s.strip());
            } else {
                throw new ConfigException(name, "'" + raw + "' is not a whole number; fix: give an integer between "
                        + min + " and " + max);
            }
            if (value < min || value > max) {
                throw new ConfigException(name, value + " is out of range; fix: give an integer between " + min
                        + " and " + max + " (" + help + ")");
            }
            return value;
        }
    }

    record DoubleKey(String name, double min, double max, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            double value;
            if (raw instanceof Number n) {
                value = n.doubleValue();
            } else if (raw instanceof String s) {
                try {
                    value = Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, "'" + raw + "' is not a number; fix: give a number between "
                            + min + " and " + max);
                }
            } else {
                throw new ConfigException(name, "'" + raw + "' is not a number; fix: give a number between " + min
                        + " and " + max);
            }
            if (!(value >= min && value <= max)) {
                throw new ConfigException(name, raw + " is out of range; fix: give a number between " + min
                        + " and " + max + " (" + help + ")");
            }
            return value;
        }
    }

    record ChoiceKey(String name, List<String> choices, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            String value = raw == null ? "" : raw.toString().strip();
            if (!choices.contains(value)) {
                throw new ConfigException(name, "'" + raw + "' is not one of " + choices + "; fix: use one of them");
            }
            return value;
        }
    }

    record TextKey(String name, boolean nullable, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            if (raw == null && nullable) {
                return null;
            }
            if (raw == null || raw instanceof java.util.Map || raw instanceof java.util.Collection) {
                throw new ConfigException(name, "'" + raw + "' is not a text value; fix: " + help);
            }
            String value = raw.toString().strip();
            if (value.isEmpty() && !nullable) {
                throw new ConfigException(name, "is empty; fix: " + help);
            }
            return value.isEmpty() ? null : value;
        }
    }

    /** A list of names; an empty {@code allowed} list accepts any lower-case identifier (checked later by name). */
    record ListKey(String name, List<String> allowed, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            List<?> items = raw instanceof List<?> l ? l
                    : raw == null ? List.of() : List.of(raw.toString().split(","));
            if (items.isEmpty()) {
                throw new ConfigException(name, "is empty; fix: give at least one " + (allowed.isEmpty() ? "name" : "of " + allowed));
            }
            List<String> values = items.stream().map(o -> String.valueOf(o).strip()).toList();
            for (String v : values) {
                if (allowed.isEmpty() ? !v.matches("[a-z0-9][a-z0-9-]*") : !allowed.contains(v)) {
                    throw new ConfigException(name, "'" + v + "' is not " + (allowed.isEmpty() ? "a valid name; fix: "
                            + help : "one of " + allowed + "; fix: use one of them"));
                }
            }
            return values;
        }
    }

    /** A list of free-form text items (SLOs such as {@code ttft:500}, {@code NAME=FILE} blocks); may be empty. */
    record TextListKey(String name, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            List<?> items = raw instanceof List<?> l ? l
                    : raw == null || raw.toString().isBlank() ? List.of() : List.of(raw.toString().split(","));
            return items.stream().map(o -> String.valueOf(o).strip()).filter(v -> !v.isEmpty()).toList();
        }
    }

    /** true or false (YAML booleans, or the words). */
    record BoolKey(String name, String help) implements ConfigKey {
        @Override
        public Object coerce(Object raw) {
            String value = raw == null ? "" : raw.toString().strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(name, "'" + raw + "' is not true or false; fix: give true or false (" + help
                        + ")");
            }
            return Boolean.parseBoolean(value);
        }
    }
}
