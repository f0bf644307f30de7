package io.lem.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.analysis.stats.Slo;
import io.lem.result.JsonFiles;
import io.lem.result.ResultFields;
import io.lem.result.ResultFile;
import io.lem.result.ResultFormats;
import tools.jackson.databind.JsonNode;

/**
 * The figures of one finished cycle, read back from its result.json through the result readers (late aggregation:
 * the study summary is recomputed from the files on disk, never from what the runner held in memory).
 *
 * @param headline  the headline metrics by their study.json names ({@link #HEADLINE}), NaN when null in the file
 * @param latencyMs every SLO figure ({@code ttft_p50_ms}, …; {@link Slo#knownMetrics()}), NaN when missing
 * @param basis     what the FLOPs and carbon figures rest on: their tier, confidence and intensity source
 */
record CycleFigures(Map<String, Double> headline, Map<String, Double> latencyMs, double activeEnergyJ,
                    double inputTokens, double outputTokens, FiguresBasis basis) {

    /** The two carbon headline metrics, read from result.json's {@code carbon} section rather than its metrics. */
    static final java.util.Set<String> CARBON = java.util.Set.of(ResultFields.CO2_G_PER_1K_OUTPUT_TOKENS,
            ResultFields.CO2_G_PER_REQUEST);

    /** The headline metrics of issue 9, by result.json metric name, with the unit suffix study.json gives them. */
    static final Map<String, String> HEADLINE = headlineUnits();

    private static Map<String, String> headlineUnits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ResultFields.JOULES_PER_OUTPUT_TOKEN, "j_per_output_token");
        m.put(ResultFields.ACTIVE_JOULES_PER_OUTPUT_TOKEN, "j_per_output_token");
        m.put(ResultFields.TOKENS_PER_SECOND, "tokens_per_s");
        m.put(ResultFields.TTFT_MEDIAN_MS, "ms");
        m.put(ResultFields.E2E_LATENCY_MEDIAN_MS, "ms");
        m.put(ResultFields.TOTAL_ENERGY_J, "j");
        m.put(ResultFields.FLOPS_PER_JOULE, "flop_per_j");
        m.put(ResultFields.FLOPS_PER_OUTPUT_TOKEN, "flop_per_output_token");
        m.put(ResultFields.CO2_G_PER_1K_OUTPUT_TOKENS, "g_co2e");
        m.put(ResultFields.CO2_G_PER_REQUEST, "g_co2e");
        return java.util.Collections.unmodifiableMap(m);
    }

    static CycleFigures read(Path resultJson) {
        ResultFile result = ResultFormats.RESULT.read(resultJson);
        Map<String, Double> headline = new LinkedHashMap<>();
        ResultFile.Carbon carbon = result.carbon();
        HEADLINE.keySet().forEach(k -> headline.put(k, orNaN(!CARBON.contains(k) ? result.metrics().get(k)
                : carbon == null ? null : k.equals(ResultFields.CO2_G_PER_REQUEST) ? carbon.co2GPerRequest()
                : carbon.co2GPer1kOutputTokens())));
        JsonNode latency = JsonFiles.readObject(resultJson).path(ResultFields.LATENCY);
        Map<String, Double> latencyMs = new LinkedHashMap<>();
        for (String metric : Slo.knownMetrics()) {
            String kind = metric.substring(0, metric.indexOf('_'));
            String statistic = metric.substring(metric.indexOf('_') + 1);
            // lem's per-request TPOT is the request's mean inter-token latency: ITL objectives read it
            JsonNode distribution = latency.path(kind.equals("itl") ? ResultFields.TPOT : kind);
            String field = (statistic.equals("p50") ? "median" : statistic) + "_ms";
            Double value = JsonFiles.number(distribution, field);
            latencyMs.put(metric + "_ms", orNaN(value));
        }
        double active = result.energy() == null ? Double.NaN : orNaN(result.energy().activeEnergyJ());
        return new CycleFigures(headline, latencyMs, active, orNaN(result.metrics().get(ResultFields.INPUT_TOKENS)),
                orNaN(result.metrics().get(ResultFields.OUTPUT_TOKENS)), new FiguresBasis(
                        result.metrics().flopsMethod(), result.metrics().flopsConfidence(),
                        carbon == null ? null : carbon.intensitySource(), carbon == null ? null : carbon.intensityLabel()));
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
