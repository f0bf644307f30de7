package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a browser session chose: its grid (a country of lem's table, or its own factor, 0 allowed) and the benchmark
 * its runs are estimated and compared with.
 */
public record SessionSettings(String country, Double carbonGPerKwh, String benchmark) {

    public static final SessionSettings DEFAULT = new SessionSettings(null, null, LabService.LIVE_DYNAMIC);

    static SessionSettings fromJson(JsonNode j) {
        return new SessionSettings(j.path("country").isString() ? j.path("country").stringValue() : null,
                j.path("carbon_g_per_kwh").isNumber() ? j.path("carbon_g_per_kwh").doubleValue() : null,
                j.path("benchmark").isString() ? j.path("benchmark").stringValue() : DEFAULT.benchmark());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("country", country);
        json.put("carbon_g_per_kwh", carbonGPerKwh);
        json.put("benchmark", benchmark);
        return json;
    }
}
