package io.lem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.lem.report.model.PointRow;
import io.lem.report.model.RunData;
import io.lem.result.DoubleList;
import io.lem.result.ResultFile;
import io.lem.result.StudyFile;

/** Builds the table's rows: from study.json's point statistics where it has them, from the runs' files otherwise. */
final class PointRows {

    static final String J_PER_OUTPUT_TOKEN = "joules_per_output_token";
    static final String TOKENS_PER_SECOND = "tokens_per_second";

    private PointRows() {
    }

    /** A study point: the CI from study.json, the latency percentiles pooled from its cycles' requests. */
    static PointRow of(StudyFile.Point p, List<RunData> runs) {
        Map<String, Double> means = new LinkedHashMap<>();
        p.metrics().forEach((name, stats) -> {
            Double mean = meanOf(stats);
            if (mean != null) {
                means.put(name, mean);
            }
        });
        List<String> reasons = p.validity().get("reasons") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        PointRow.Ci j = ci(p.metrics().get(J_PER_OUTPUT_TOKEN));
        PointRow.Ci t = ci(p.metrics().get(TOKENS_PER_SECOND));
        return row(p.index(), shortHash(p.hash()), label(p.keys(), p.dir()), p.keys(),
                j.mean() == null ? fromRuns(runs, RunData::joulesPerOutputToken) : j,
                t.mean() == null ? fromRuns(runs, RunData::tokensPerSecond) : t, p.publishable(), reasons, means, runs);
    }

    /** A point without study statistics (an older study.json, one experiment, a lem load output). */
    static PointRow of(int index, String hash, String label, Map<String, Object> keys, List<RunData> runs) {
        return row(index, hash, label, keys, fromRuns(runs, RunData::joulesPerOutputToken),
                fromRuns(runs, RunData::tokensPerSecond), null, List.of(), Map.of(), runs);
    }

    private static PointRow row(int index, String hash, String label, Map<String, Object> keys, PointRow.Ci j,
                                PointRow.Ci t, Boolean publishable, List<String> reasons, Map<String, Double> means,
                                List<RunData> runs) {
        Map<String, Double> latency = new LinkedHashMap<>();
        percentiles(latency, "ttft", runs, RunData::ttftMs);
        percentiles(latency, "itl", runs, RunData::itlMs);
        percentiles(latency, "e2e", runs, RunData::e2eMs);
        Set<String> warnings = new LinkedHashSet<>();
        runs.forEach(r -> {
            if (r.result() != null && r.result().warnings() != null) {
                warnings.addAll(r.result().warnings());
            }
        });
        boolean estimated = runs.stream().anyMatch(RunData::estimated);
        return new PointRow(index, hash, label, keys, j, t, latency, estimated, meter(runs), publishable, reasons,
                List.copyOf(warnings), means, runs);
    }

    private static void percentiles(Map<String, Double> into, String name, List<RunData> runs,
                                    Function<RunData, List<Double>> values) {
        double[] ps = {50, 90, 99};
        Double[] at = Stats.percentiles(DoubleList.concat(runs.stream().map(values).toList()), ps);
        for (int i = 0; i < ps.length; i++) {
            into.put(name + "_p" + (int) ps[i], at[i]);
        }
    }

    /** The total's domains and their methods, e.g. "cpu-host-estimate (estimate)". */
    private static String meter(List<RunData> runs) {
        Set<String> parts = new LinkedHashSet<>();
        for (RunData r : runs) {
            ResultFile.Methods m = r.result() == null ? null : r.result().methods();
            if (m == null) {
                continue;
            }
            for (ResultFile.Domain d : m.domains()) {
                if (m.totalDomainIds() == null || m.totalDomainIds().contains(d.id())) {
                    parts.add(d.id() + " (" + d.method() + ")");
                }
            }
        }
        return parts.isEmpty() ? "not recorded" : String.join(", ", parts);
    }

    private static PointRow.Ci fromRuns(List<RunData> runs, Function<RunData, Double> figure) {
        List<Double> values = runs.stream().map(figure).filter(v -> v != null).toList();
        return values.isEmpty() ? PointRow.Ci.NONE : new PointRow.Ci(Stats.mean(values), null, null, values.size());
    }

    /**
     * study.json names a statistic by its unit ({@code mean_j_per_output_token}, {@code lower_ms}): read whichever
     * {@code mean_*} / {@code ci.lower_*} / {@code ci.upper_*} the metric has.
     */
    private static PointRow.Ci ci(Object stats) {
        if (!(stats instanceof Map<?, ?> m)) {
            return PointRow.Ci.NONE;
        }
        Map<?, ?> ci = m.get("ci") instanceof Map<?, ?> c ? c : Map.of();
        int n = m.get("n") instanceof Number k ? k.intValue() : 0;
        return new PointRow.Ci(prefixed(m, "mean_"), prefixed(ci, "lower_"), prefixed(ci, "upper_"), n);
    }

    private static Double meanOf(Object stats) {
        return stats instanceof Map<?, ?> m ? prefixed(m, "mean_") : null;
    }

    private static Double prefixed(Map<?, ?> m, String prefix) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (String.valueOf(e.getKey()).startsWith(prefix) && e.getValue() instanceof Number v) {
                return v.doubleValue();
            }
        }
        return null;
    }

    static String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(8, hash.length()));
    }

    static String label(Map<String, Object> keys, String fallback) {
        if (keys.isEmpty()) {
            return fallback;
        }
        List<String> parts = new ArrayList<>();
        keys.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}
