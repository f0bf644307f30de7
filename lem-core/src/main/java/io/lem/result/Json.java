package io.lem.result;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** lem's JSON settings: snake_case by explicit keys, stable order, locale-free number formatting. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonMapper pretty() {
        return MAPPER;
    }

    public static JsonMapper compact() {
        return COMPACT;
    }

    /** JSON has no NaN: a figure that cannot be computed is written as null, never omitted. */
    public static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
