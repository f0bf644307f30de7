package io.lem.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lem.report.model.PointRow;
import io.lem.report.model.ReportModel;

/** The charts of a sweep: J/output-token against each swept key, the Pareto fronts, the main effects. */
final class SweepCharts {

    private SweepCharts() {
    }

    static void perParameter(ReportModel model, String est, List<ChartSpec> charts, List<String> notes) {
        List<String> swept = swept(model.points());
        if (swept.isEmpty()) {
            notes.add("J/output token against each swept parameter: left out, nothing was swept");
            return;
        }
        for (String key : swept) {
            List<Object> levels = new ArrayList<>(Charts.levels(model.points(), key));
            boolean numeric = levels.stream().allMatch(l -> l instanceof Number);
            // one line per combination of the other swept keys, so each line varies this key alone
            Map<String, List<PointRow>> lines = new LinkedHashMap<>();
            for (PointRow p : model.points()) {
                if (p.joulesPerOutputToken().mean() == null || !p.keys().containsKey(key)) {
                    continue;
                }
                List<String> others = new ArrayList<>();
                swept.stream().filter(k -> !k.equals(key)).forEach(k -> others.add(k + "=" + p.keys().get(k)));
                lines.computeIfAbsent(others.isEmpty() ? "points" : String.join(" ", others), k -> new ArrayList<>())
                        .add(p);
            }
            List<ChartSpec.Series> series = new ArrayList<>();
            lines.forEach((name, ps) -> {
                int n = ps.size();
                double[] x = new double[n];
                double[] y = new double[n];
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    PointRow.Ci ci = ps.get(i).joulesPerOutputToken();
                    Object level = ps.get(i).keys().get(key);
                    x[i] = numeric ? ((Number) level).doubleValue() : levels.indexOf(level);
                    y[i] = ci.mean();
                    lo[i] = ci.lower() == null ? ci.mean() : ci.lower();
                    hi[i] = ci.upper() == null ? ci.mean() : ci.upper();
                }
                series.add(new ChartSpec.Series(name, ChartSpec.Kind.LINE_MARKERS, x, y, lo, hi, false));
            });
            ChartSpec.Axis xAxis = numeric ? ChartSpec.Axis.of(key + " (setting)")
                    : new ChartSpec.Axis(key + " (setting)", levels.stream().map(String::valueOf).toList());
            charts.add(new ChartSpec("jpt-vs-" + slug(key), "J/output token vs " + key + ", 95% CI" + est, xAxis,
                    ChartSpec.Axis.of(Charts.J_PER_TOKEN), series, List.of()));
        }
    }

    static void pareto(ReportModel model, String est, List<ChartSpec> charts, List<String> notes) {
        if (model.fronts().isEmpty()) {
            notes.add("Pareto fronts: left out, study.json has none (one experiment, a load output or an older study)");
            return;
        }
        for (ReportModel.Front f : model.fronts()) {
            List<PointRow> all = model.points().stream()
                    .filter(p -> p.joulesPerOutputToken().mean() != null && p.mean(f.metric()) != null).toList();
            List<PointRow> front = all.stream().filter(p -> f.pointHashes().contains(p.hash()))
                    .sorted((a, b) -> Double.compare(a.mean(f.metric()), b.mean(f.metric()))).toList();
            if (all.isEmpty()) {
                notes.add(f.title() + ": left out, no point has " + f.metric());
                continue;
            }
            charts.add(new ChartSpec(f.metric().contains("token") ? "pareto-throughput" : "pareto-latency",
                    f.title() + est, ChartSpec.Axis.of(f.axisLabel()), ChartSpec.Axis.of(Charts.J_PER_TOKEN),
                    List.of(xy("all points", ChartSpec.Kind.SCATTER, all, f.metric(), false),
                            xy("Pareto front", ChartSpec.Kind.LINE_MARKERS, front, f.metric(), true)), List.of()));
        }
    }

    private static ChartSpec.Series xy(String name, ChartSpec.Kind kind, List<PointRow> ps, String metric,
                                       boolean highlight) {
        double[] x = ps.stream().mapToDouble(p -> p.mean(metric)).toArray();
        double[] y = ps.stream().mapToDouble(p -> p.joulesPerOutputToken().mean()).toArray();
        return new ChartSpec.Series(name, kind, x, y, null, null, highlight);
    }

    static void mainEffects(ReportModel model, String est, List<ChartSpec> charts, List<String> notes) {
        if (model.factors().isEmpty()) {
            notes.add("main-effect plots: left out, study.json's analysis has no factors");
            return;
        }
        for (ReportModel.Factor f : model.factors()) {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < f.levels().size(); i++) {
                if (f.meanJPerOutputToken().get(i) != null) {
                    kept.add(i);
                }
            }
            double[] x = kept.stream().mapToDouble(i -> kept.indexOf(i)).toArray();
            double[] y = kept.stream().mapToDouble(i -> f.meanJPerOutputToken().get(i)).toArray();
            charts.add(new ChartSpec("main-effect-" + slug(f.name()), "Main effect of " + f.name() + " (eta^2 "
                    + io.lem.report.model.Format.num(f.etaSquared()) + ")" + est,
                    new ChartSpec.Axis(f.name() + " (level)", kept.stream().map(f.levels()::get).toList()),
                    ChartSpec.Axis.of("mean " + Charts.J_PER_TOKEN),
                    List.of(ChartSpec.Series.of("level mean", ChartSpec.Kind.LINE_MARKERS, x, y)), List.of()));
        }
    }

    /** The keys whose value differs between points. */
    static List<String> swept(List<PointRow> points) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        points.forEach(p -> keys.addAll(p.keys().keySet()));
        return keys.stream().filter(k -> Charts.levels(points, k).size() > 1).toList();
    }

    static String shortLabel(PointRow p) {
        return p.label().length() <= 32 ? p.label() : "#" + p.index() + " " + p.hash();
    }

    static String slug(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
