package io.lem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.report.model.ReportModel;

/** The parts of study.json's analysis a report shows: factor ranking, Pareto fronts, SLO choice. */
record Analysis(List<ReportModel.Factor> factors, List<ReportModel.Front> fronts, ReportModel.Slo slo) {

    /** The fronts' latency objectives by the study point metric that holds the same figure. */
    static final Map<String, String> POINT_METRIC = Map.of("e2e_p50_ms", "e2e_latency_median_ms",
            "ttft_p50_ms", "ttft_median_ms", "tokens_per_second", PointRows.TOKENS_PER_SECOND);

    static Analysis of(Map<String, Object> analysis, List<String> notes) {
        List<ReportModel.Factor> factors = new ArrayList<>();
        for (Map<?, ?> f : maps(map(analysis.get("factors")).get("factors"))) {
            List<String> levels = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            for (Map<?, ?> l : maps(f.get("levels"))) {
                levels.add(String.valueOf(l.get("level")));
                means.add(number(l.get("mean_j_per_output_token")));
            }
            factors.add(new ReportModel.Factor(String.valueOf(f.get("factor")), number(f.get("eta_squared")),
                    number(f.get("max_min_ratio")), levels, means));
        }
        if (factors.isEmpty()) {
            notes.add("no factor ranking: study.json's analysis has no factors (a study without a sweep, or older)");
        }
        List<ReportModel.Front> fronts = new ArrayList<>();
        front(fronts, analysis, "pareto_energy_latency", "Pareto front: energy vs latency");
        front(fronts, analysis, "pareto_energy_throughput", "Pareto front: energy vs throughput");
        if (fronts.isEmpty()) {
            notes.add("no Pareto fronts: study.json's analysis has none");
        }
        Map<?, ?> s = map(analysis.get("slo"));
        ReportModel.Slo slo = null;
        if (!s.isEmpty()) {
            Map<String, Object> objectives = new LinkedHashMap<>();
            map(s.get("slo")).forEach((k, v) -> objectives.put(String.valueOf(k), v));
            slo = new ReportModel.Slo(objectives, s.get("selected_point") == null ? null
                    : String.valueOf(s.get("selected_point")), number(s.get("joules_per_output_token")),
                    s.get("points_meeting") instanceof Number n ? n : null);
        }
        return new Analysis(factors, fronts, slo);
    }

    private static void front(List<ReportModel.Front> into, Map<String, Object> analysis, String key, String title) {
        Map<?, ?> f = map(analysis.get(key));
        List<Map<?, ?>> objectives = maps(f.get("objectives"));
        if (objectives.size() < 2) {
            return;
        }
        String metric = String.valueOf(objectives.get(1).get("metric"));
        boolean maximise = "maximise".equals(objectives.get(1).get("goal"));
        List<String> hashes = maps(f.get("points")).stream().map(p -> String.valueOf(p.get("point"))).toList();
        String axis = metric.endsWith("_ms") ? metric.substring(0, metric.length() - 3).replace('_', ' ') + " (ms)"
                : metric.equals("tokens_per_second") ? "output tokens per second (tok/s)" : metric;
        into.add(new ReportModel.Front(title, POINT_METRIC.getOrDefault(metric, metric), axis, maximise, hashes));
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    static List<Map<?, ?>> maps(Object o) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> {
                if (x instanceof Map<?, ?> m) {
                    out.add(m);
                }
            });
        }
        return out;
    }

    static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
