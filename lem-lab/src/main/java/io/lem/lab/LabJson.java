package io.lem.lab;

import io.lem.config.ConfigException;
import io.lem.result.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The Lab's JSON: lem's mapper (snake_case keys written explicitly, locale-free numbers). */
public final class LabJson {

    private LabJson() {
    }

    public static String write(Object value) {
        return Json.compact().writeValueAsString(value);
    }

    /** Parses an API body; malformed JSON is the caller's mistake (a 400 naming the body). */
    public static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("body", "is empty; fix: send a JSON object");
        }
        try {
            return Json.compact().readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static JsonNode readOrNull(String text) {
        try {
            return Json.compact().readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
