package io.lem.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A combination that failed validation: kept in the plan with its reason rather than dropped, so the dry run
 * and study.json say what was not run and why (LLenergyMeasure keeps its {@code SkippedConfig} the same way).
 *
 * @param declared the keys its sweep combination or experiment entry set
 * @param reason   the validation message, naming the key and the fix
 */
public record SkippedPoint(String origin, Map<String, Object> declared, String reason) {

    public SkippedPoint {
        declared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }
}
