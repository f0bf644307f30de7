package io.lem.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart as data, drawn twice from the same spec: by the page's chart library (hover shows values) and by
 * JFreeChart into PNG and SVG. Axis labels carry their units; an estimated figure says so in the title.
 *
 * @param id    the file name of its figures and the page's element id: lower case, digits and dashes
 * @param bands shaded spans of x (the timeline's windows)
 */
public record ChartSpec(String id, String title, Axis x, Axis y, List<Series> series, List<Band> bands) {

    public ChartSpec {
        series = List.copyOf(series);
        bands = List.copyOf(bands);
    }

    /**
     * @param label      with its unit, e.g. "time since the run's anchor (s)"
     * @param categories non-empty for a category axis: x values are then indexes into it
     */
    public record Axis(String label, List<String> categories) {

        public Axis {
            categories = List.copyOf(categories);
        }

        public static Axis of(String label) {
            return new Axis(label, List.of());
        }
    }

    /** How a series is drawn. */
    public enum Kind {
        LINE, SCATTER, LINE_MARKERS, BAR
    }

    /**
     * @param low       with {@code high}: error bar bounds per point; null for none
     * @param highlight drawn heavier (a Pareto front)
     */
    public record Series(String name, Kind kind, double[] x, double[] y, double[] low, double[] high,
                         boolean highlight) {

        public static Series of(String name, Kind kind, double[] x, double[] y) {
            return new Series(name, kind, x, y, null, null, false);
        }

        public int size() {
            return x.length;
        }
    }

    /** A shaded span of x with its name. */
    public record Band(String label, double fromX, double toX) {
    }

    /** Points over all series. */
    public int points() {
        return series.stream().mapToInt(Series::size).sum();
    }

    /** The spec as the page's script reads it (snake_case, arrays of [x, y] or [x, y, low, high]). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("x_label", x.label());
        m.put("x_categories", x.categories());
        m.put("y_label", y.label());
        List<Map<String, Object>> ss = new ArrayList<>();
        for (Series s : series) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            sm.put("highlight", s.highlight());
            List<double[]> data = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                data.add(s.low() == null ? new double[] {s.x()[i], s.y()[i]}
                        : new double[] {s.x()[i], s.y()[i], s.low()[i], s.high()[i]});
            }
            sm.put("data", data);
            ss.add(sm);
        }
        m.put("series", ss);
        m.put("bands", bands.stream().map(b -> List.of(b.label(), b.fromX(), b.toX())).toList());
        return m;
    }
}
