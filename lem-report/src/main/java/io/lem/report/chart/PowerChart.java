package io.lem.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.meter.Quantity;
import io.lem.report.model.RunData;
import io.lem.result.PowerTable;
import io.lem.result.RequestRow;
import io.lem.result.Window;

/** Power over time per domain, with the run's windows and its requests' prefill spans shaded. */
final class PowerChart {

    /** More prefill spans than this are merged into fewer, wider ones: the page would be all bands otherwise. */
    static final int MAX_PREFILL_BANDS = 60;

    private PowerChart() {
    }

    static ChartSpec of(String id, RunData run) {
        PowerTable t = run.power();
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int c = 0; c < t.columns().size(); c++) {
            Quantity q = t.quantity(c);
            if (q == Quantity.GAUGE) {
                continue;
            }
            PowerTable.Samples s = t.samples(c);
            double[][] xy = q == Quantity.ENERGY_J ? derivative(s) : new double[][] {s.timesS(), s.values()};
            if (xy[0].length > 0) {
                series.add(ChartSpec.Series.of(t.domainId(c) + (estimated(run, t.domainId(c)) ? " (estimated)" : ""),
                        ChartSpec.Kind.LINE, xy[0], xy[1]));
            }
        }
        Double baselineW = run.result() != null && run.result().baseline() != null ? run.result().baseline().powerW()
                : run.summary() != null && run.summary().energy() != null ? run.summary().energy().idlePowerW() : null;
        if (baselineW != null && t.rows() > 1) {
            series.add(ChartSpec.Series.of("idle baseline power (total)", ChartSpec.Kind.LINE,
                    new double[] {t.timesS()[0], t.timesS()[t.rows() - 1]}, new double[] {baselineW, baselineW}));
        }
        List<ChartSpec.Band> bands = new ArrayList<>();
        for (Map.Entry<String, Window> w : run.windows().entrySet()) {
            bands.add(new ChartSpec.Band(w.getKey(), w.getValue().startS(), w.getValue().endS()));
        }
        bands.addAll(prefill(run.measuredOk()));
        return new ChartSpec(id, "Power over time, " + run.label() + (run.estimated() ? " (estimated)" : ""),
                ChartSpec.Axis.of("time since the run's clock anchor (s)"), ChartSpec.Axis.of("power (W)"), series,
                bands);
    }

    private static boolean estimated(RunData run, String domain) {
        return run.result() != null && run.result().methods() != null && run.result().methods().domains().stream()
                .anyMatch(d -> d.id().equals(domain) && d.estimated());
    }

    /** Mean power between consecutive cumulative-energy samples, placed at the interval's midpoint. */
    static double[][] derivative(PowerTable.Samples s) {
        int n = Math.max(0, s.timesS().length - 1);
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double dt = s.timesS()[i + 1] - s.timesS()[i];
            if (dt > 0) {
                x[k] = (s.timesS()[i] + s.timesS()[i + 1]) / 2;
                y[k++] = (s.values()[i + 1] - s.values()[i]) / dt;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k)};
    }

    /** The union of the requests' [send, first token] spans: when some request was in prefill. */
    static List<ChartSpec.Band> prefill(List<RequestRow> requests) {
        List<double[]> spans = new ArrayList<>();
        requests.stream().filter(r -> r.firstTokenS() != null).map(r -> new double[] {r.sendS(), r.firstTokenS()})
                .sorted((a, b) -> Double.compare(a[0], b[0])).forEach(s -> {
                    if (!spans.isEmpty() && s[0] <= spans.getLast()[1]) {
                        spans.getLast()[1] = Math.max(spans.getLast()[1], s[1]);
                    } else {
                        spans.add(s);
                    }
                });
        // each pass joins neighbours pairwise into a new list: linear per pass (removing from the list in place was
        // quadratic, hours for a lem load of 300,000 requests)
        List<double[]> merged = spans;
        while (merged.size() > MAX_PREFILL_BANDS) {
            List<double[]> next = new ArrayList<>((merged.size() + 1) / 2);
            for (int i = 0; i < merged.size(); i += 2) {
                next.add(i + 1 < merged.size() ? new double[] {merged.get(i)[0], merged.get(i + 1)[1]} : merged.get(i));
            }
            merged = next;
        }
        return merged.stream().map(s -> new ChartSpec.Band("prefill", s[0], s[1])).toList();
    }
}
