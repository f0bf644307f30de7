package io.lem.report.export;

import java.util.List;
import java.util.Map;

/**
 * The unit a column's name carries, read from its suffix (lem's naming rule: units in every name), so that
 * {@code lem query --tables} can list them without a second table of units to keep in step.
 */
final class Units {

    /** Longest suffix first: {@code _per_output_token} before {@code _token}. */
    private static final List<Map.Entry<String, String>> SUFFIXES = List.of(
            Map.entry("joules_per_output_token", "J/output token"),
            Map.entry("joules_per_token", "J/token"),
            Map.entry("joules_per_request", "J/request"),
            Map.entry("tokens_per_joule", "tokens/J"),
            Map.entry("tokens_per_second", "tokens/s"),
            Map.entry("tok_per_s", "tokens/s"),
            Map.entry("flops_per_second", "FLOP/s"),
            Map.entry("flops_per_joule", "FLOP/J"),
            Map.entry("flops_per_output_token", "FLOP/output token"),
            Map.entry("wh_per_1000_output_tokens", "Wh/1000 output tokens"),
            Map.entry("_per_1k_output_tokens", "per 1000 output tokens"),
            Map.entry("_per_request", "per request"),
            Map.entry("_per_s", "1/s"),
            Map.entry("_energy_j", "J"),
            Map.entry("_j", "J"),
            Map.entry("_w", "W"),
            Map.entry("_ms", "ms"),
            Map.entry("_sec", "s"),
            Map.entry("_s", "s"),
            Map.entry("_pct", "%"),
            Map.entry("_c", "°C"),
            Map.entry("_g", "g"),
            Map.entry("_l", "L"),
            Map.entry("_hz", "Hz"),
            Map.entry("_g_per_kwh", "g/kWh"),
            Map.entry("_tokens", "tokens"),
            Map.entry("flops_total", "FLOP"));

    private Units() {
    }

    static String of(String column) {
        // an interval's bounds are in the unit of the figure they bound
        String name = "_" + column.replaceAll("_ci_(lower|upper)$", "");
        return SUFFIXES.stream().filter(s -> name.endsWith(s.getKey().startsWith("_") ? s.getKey() : "_" + s.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}
