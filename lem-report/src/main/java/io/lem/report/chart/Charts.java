package io.lem.report.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.lem.report.model.PointRow;
import io.lem.report.model.ReportModel;
import io.lem.report.model.RunData;
import io.lem.result.DoubleList;

/**
 * Every chart a report draws from its model, in page order. A chart with no data in this directory is left out and
 * {@link #notes} says why in one line, so nothing is drawn empty.
 */
public record Charts(List<ChartSpec> charts, List<String> notes) {

    static final String J_PER_TOKEN = "energy per output token (J/token)";

    public static Charts of(ReportModel model) {
        List<ChartSpec> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean estimated = model.points().stream().anyMatch(PointRow::estimated);
        String est = estimated ? " (estimated)" : "";
        power(model, charts, notes);
        SweepCharts.perParameter(model, est, charts, notes);
        SweepCharts.pareto(model, est, charts, notes);
        phases(model, est, charts, notes);
        requestEnergy(model, est, charts, notes);
        latency(model, charts, notes);
        SweepCharts.mainEffects(model, est, charts, notes);
        return new Charts(charts, notes);
    }

    /**
     * One power chart per run (each cycle of a study point), in cycle order. A point's first drawn run keeps the id
     * {@code power-<point>} (and figure name) that reports had when they drew only that run; each further cycle is
     * {@code power-<point>-cycle-<K>}.
     */
    private static void power(ReportModel model, List<ChartSpec> charts, List<String> notes) {
        for (PointRow p : model.points()) {
            boolean drawn = false;
            for (int i = 0; i < p.runs().size(); i++) {
                RunData run = p.runs().get(i);
                if (run.power() == null || run.power().rows() <= 1) {
                    notes.add("power over time (" + run.label() + "): left out, no power.csv with samples");
                    continue;
                }
                ChartSpec c = PowerChart.of(drawn ? "power-" + p.index() + "-cycle-" + cycle(run, i) : "power-"
                        + p.index(), run);
                if (c.series().isEmpty()) {
                    notes.add("power over time (" + run.label() + "): left out, power.csv has no energy or power "
                            + "column");
                } else {
                    charts.add(c);
                    drawn = true;
                }
            }
            if (p.runs().isEmpty()) {
                notes.add("power over time (" + p.label() + "): left out, no power.csv with samples");
            }
        }
    }

    /** The run's cycle from its {@code cycle-K} directory; its position among the point's runs otherwise. */
    private static int cycle(RunData run, int position) {
        String name = run.dir() == null || run.dir().getFileName() == null ? "" : run.dir().getFileName().toString();
        return name.matches("cycle-\\d+") ? Integer.parseInt(name.substring("cycle-".length())) : position + 1;
    }

    private static void phases(ReportModel model, String est, List<ChartSpec> charts, List<String> notes) {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (PointRow p : model.points()) {
            double[] sum = new double[2];
            int n = 0;
            for (RunData r : p.runs()) {
                Map<String, Double> phase = new LinkedHashMap<>();
                if (r.tree().get("phases") instanceof List<?> list) {
                    list.forEach(o -> {
                        if (o instanceof Map<?, ?> m && m.get("energy_j") instanceof Number e) {
                            phase.put(String.valueOf(m.get("name")), e.doubleValue());
                        }
                    });
                }
                if (phase.containsKey("ttft") && phase.containsKey("decode")) {
                    sum[0] += phase.get("ttft");
                    sum[1] += phase.get("decode");
                    n++;
                }
            }
            if (n > 0) {
                labels.add(SweepCharts.shortLabel(p));
                values.add(new double[] {sum[0] / n, sum[1] / n});
            }
        }
        if (labels.isEmpty()) {
            notes.add("prefill vs decode energy: left out, no result.json has a phases section");
            return;
        }
        double[] x = new double[labels.size()];
        double[] prefill = new double[x.length];
        double[] decode = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            prefill[i] = values.get(i)[0];
            decode[i] = values.get(i)[1];
        }
        charts.add(new ChartSpec("phases", "Prefill vs decode energy per point, mean over cycles" + est,
                new ChartSpec.Axis("point", labels), ChartSpec.Axis.of("energy per run (J)"),
                List.of(ChartSpec.Series.of("prefill: sum of E[send, first token]", ChartSpec.Kind.BAR, x, prefill),
                        ChartSpec.Series.of("decode: sum of E[first token, end]", ChartSpec.Kind.BAR, x, decode)),
                List.of()));
    }

    private static void requestEnergy(ReportModel model, String est, List<ChartSpec> charts, List<String> notes) {
        List<Double> timeSharing = new ArrayList<>();
        List<Double> steady = new ArrayList<>();
        for (PointRow p : model.points()) {
            for (RunData r : p.runs()) {
                r.energy().stream().map(e -> e.timeSharingJ()).filter(Objects::nonNull).forEach(timeSharing::add);
                Double jpt = r.result() == null || r.result().steadyState() == null ? null
                        : r.result().steadyState().activeJoulesPerOutputToken();
                if (jpt != null) {
                    r.energy().stream().filter(e -> e.completionTokens() != null)
                            .forEach(e -> steady.add(jpt * e.completionTokens()));
                }
            }
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        ecdf(series, "time-sharing (per sampling interval)", timeSharing);
        ecdf(series, "ML.ENERGY: steady-state J/token x output tokens", steady);
        if (series.isEmpty()) {
            notes.add("per-request energy distribution: left out, no request_energy.jsonl rows");
            return;
        }
        if (steady.isEmpty()) {
            notes.add("per-request energy, ML.ENERGY derivation: no steady-state window in any run");
        }
        charts.add(new ChartSpec("request-energy", "Per-request active energy, both attributions" + est,
                ChartSpec.Axis.of("active energy per request (J)"), ChartSpec.Axis.of("fraction of requests (1)"),
                series, List.of()));
    }

    private static void latency(ReportModel model, List<ChartSpec> charts, List<String> notes) {
        List<ChartSpec.Series> series = new ArrayList<>();
        ecdf(series, "TTFT", pooled(model, RunData::ttftMs));
        ecdf(series, "ITL", pooled(model, RunData::itlMs));
        ecdf(series, "E2E", pooled(model, RunData::e2eMs));
        if (series.isEmpty()) {
            notes.add("latency distributions: left out, no measured OK request in requests.jsonl");
            return;
        }
        charts.add(new ChartSpec("latency", "Latency distributions, all measured OK requests",
                ChartSpec.Axis.of("latency (ms)"), ChartSpec.Axis.of("fraction of requests (1)"), series, List.of()));
    }

    private static List<Double> pooled(ReportModel model, Function<RunData, List<Double>> values) {
        return DoubleList.concat(model.points().stream().flatMap(p -> p.runs().stream()).map(values).toList());
    }

    /**
     * The most points an ECDF is drawn with: beyond it the curve is drawn through this many of its own steps, evenly
     * spaced in rank (the first and last always), so a load of 300,000 requests (5 million inter-token gaps) makes a
     * page of the same size as one of 2,000 and every point drawn is still an exact point of the ECDF.
     */
    static final int MAX_ECDF_POINTS = 2_000;

    static void ecdf(List<ChartSpec.Series> into, String name, List<Double> values) {
        double[] sorted = DoubleList.toArray(values); // sorted in place below, finite values first: 5 M gaps are 40 MB
        int n = 0;
        for (double v : sorted) {
            if (Double.isFinite(v)) {
                sorted[n++] = v;
            }
        }
        Arrays.sort(sorted, 0, n);
        if (n == 0) {
            return;
        }
        int k = Math.min(n, MAX_ECDF_POINTS);
        double[] x = new double[k];
        double[] y = new double[k];
        for (int j = 0; j < k; j++) {
            int rank = k == 1 ? n - 1 : (int) Math.round(j * (n - 1.0) / (k - 1)); // 0-based, 0 .. n-1
            x[j] = sorted[rank];
            y[j] = (rank + 1.0) / n;
        }
        into.add(ChartSpec.Series.of(k < n ? name + " (" + k + " of " + n + " steps)" : name, ChartSpec.Kind.LINE, x,
                y));
    }

    /** The distinct values of a key over the points, in first-seen order. */
    static Set<Object> levels(List<PointRow> points, String key) {
        Set<Object> levels = new LinkedHashSet<>();
        points.forEach(p -> {
            if (p.keys().containsKey(key)) {
                levels.add(p.keys().get(key));
            }
        });
        return levels;
    }
}
