package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Energy, carbon and tokens across a session's completed runs, and its CSV export. */
final class SessionSummary {

    static final List<String> CSV_FIELDS = List.of("run_id", "created", "model", "status", "mode", "estimated",
            "prompt_tokens", "output_tokens", "thinking_tokens", "prefill_wh", "decode_wh", "total_wh",
            "wh_per_1000_output_tokens", "ttft_ms", "duration_s");

    private SessionSummary() {
    }

    static Map<String, Object> of(List<JsonNode> runs) {
        List<JsonNode> ok = runs.stream().filter(r -> "ok".equals(r.path("status").stringValue())).toList();
        double wh = sum(ok, "total_wh");
        double grams = ok.stream().mapToDouble(r -> r.path("carbon").path("grams_co2e").asDouble(0)).sum();
        long prompt = (long) sum(ok, "prompt_tokens");
        long output = (long) sum(ok, "output_tokens");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("runs", runs.size());
        s.put("completed_runs", ok.size());
        s.put("total_wh", wh);
        s.put("total_j", wh * 3600);
        s.put("carbon_g_co2e", grams);
        s.put("runs_without_carbon", ok.stream().filter(r -> !r.path("carbon").isObject()).count());
        s.put("prompt_tokens", prompt);
        s.put("output_tokens", output);
        s.put("mean_wh_per_run", ok.isEmpty() ? null : wh / ok.size());
        s.put("wh_per_1000_output_tokens", output > 0 ? wh / output * 1000 : null);
        s.put("estimated", ok.stream().anyMatch(r -> r.path("estimated").asBoolean(false)));
        return s;
    }

    private static double sum(List<JsonNode> runs, String field) {
        return runs.stream().mapToDouble(r -> r.path(field).isNumber() ? r.path(field).doubleValue() : 0).sum();
    }

    static String csv(List<JsonNode> runs) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_FIELDS)).append('\n');
        for (JsonNode r : runs) {
            for (int i = 0; i < CSV_FIELDS.size(); i++) {
                JsonNode v = r.path(CSV_FIELDS.get(i));
                out.append(i == 0 ? "" : ",").append(v.isNumber() ? String.format(Locale.ROOT, "%s", v.numberValue())
                        : v.isNull() || v.isMissingNode() ? "" : quote(v.asString()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
