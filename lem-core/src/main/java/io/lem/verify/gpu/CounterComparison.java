package io.lem.verify.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lem.config.ConfigException;

import static io.lem.verify.gpu.WindowStats.finite;

/**
 * NVML's energy counter against the two ways of getting energy from power readings, on one power.csv: the
 * trapezoidal integral of instant power ({@code gpu<i>:power_instant_w}) and of the driver's averaged power
 * ({@code gpu<i>:power_w}), over windows of fixed length slid across a span, each compared with the counter's rise
 * over the same window. The counter is the reference (docs: NVIDIA calls it the accurate source); the figures say
 * how wrong the power-based energy of a window that short would be.
 */
public final class CounterComparison {

    /** The window lengths the GPU kit compares, in seconds. */
    public static final List<Double> DEFAULT_WINDOWS_S = List.of(0.5, 2.0, 10.0);
    /** A sample at this SM utilisation or above counts as busy when the span is found from the utilisation. */
    static final double BUSY_UTIL_PCT = 50;

    private static final Pattern COUNTER = Pattern.compile("(gpu\\d+)_energy_j");

    private CounterComparison() {
    }

    /**
     * The comparison as snake_case JSON (maps and lists), one entry per GPU with an energy counter.
     *
     * @param fromS   the span's start in the file's {@code t_s}; null for the busy span (or the whole file)
     * @param toS     the span's end; null likewise
     * @param windows window lengths in seconds, each slid across the span in steps of half its length
     * @throws ConfigException when the file has no GPU energy counter, or the span or a window is unusable
     */
    public static Map<String, Object> compare(PowerCsvTable csv, String source, Double fromS, Double toS,
                                              List<Double> windows) {
        for (double w : windows) {
            if (!(w > 0)) {
                throw new ConfigException("--windows", "each window must be > 0 seconds, was " + w);
            }
        }
        double[] t = csv.timesS();
        if (t.length < 2) {
            throw new ConfigException(source, "has " + t.length + " sample rows; fix: log for longer");
        }
        List<Map<String, Object>> gpus = new ArrayList<>();
        for (int c = 0; c < csv.columns().size(); c++) {
            Matcher m = COUNTER.matcher(csv.columns().get(c));
            if (m.matches()) {
                gpus.add(gpu(csv, m.group(1), c, fromS, toS, windows));
            }
        }
        if (gpus.isEmpty()) {
            throw new ConfigException(source, "has no GPU energy counter column (gpu<i>_energy_j); fix: log with"
                    + " the nvml meter on a GPU with an energy counter (Volta or newer)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("rows", t.length);
        json.put("duration_s", t[t.length - 1] - t[0]);
        json.put("median_sample_interval_s", finite(medianStep(t)));
        json.put("method", "windows of each length slid across the span in steps of half a window; per window,"
                + " counter energy = rise of gpu<i>_energy_j (interpolated at the window's edges), instant and"
                + " average energy = trapezoidal integral of gpu<i>:power_instant_w and gpu<i>:power_w;"
                + " rel_diff = (integrated - counter) / counter");
        json.put("gpus", gpus);
        return json;
    }

    private static Map<String, Object> gpu(PowerCsvTable csv, String gpu, int counterColumn, Double fromS,
                                           Double toS, List<Double> windows) {
        Series counter = csv.series(counterColumn);
        Series instant = series(csv, gpu + ":power_instant_w");
        Series average = series(csv, gpu + ":power_w");
        Span span = span(csv, gpu, counter, fromS, toS);
        double counterJ = counter.at(span.toS) - counter.at(span.fromS);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gpu", gpu);
        json.put("span", span.toJson());
        json.put("counter_energy_j", counterJ);
        json.put("mean_power_w", counterJ / (span.toS - span.fromS));
        json.put("instant_energy_j", instant == null ? null : instant.integral(span.fromS, span.toS));
        json.put("average_energy_j", average == null ? null : average.integral(span.fromS, span.toS));
        json.put("instant_rel_diff", relDiff(instant, span.fromS, span.toS, counterJ));
        json.put("average_rel_diff", relDiff(average, span.fromS, span.toS, counterJ));
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put("counter", finite(medianUpdate(counter)));
        updates.put("instant", instant == null ? null : finite(medianUpdate(instant)));
        updates.put("average", average == null ? null : finite(medianUpdate(average)));
        json.put("median_update_interval_s", updates);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double w : windows) {
            rows.add(window(counter, instant, average, span, w));
        }
        json.put("windows", rows);
        if (instant == null) {
            json.put("note", gpu + ":power_instant_w is not in the file: the driver does not answer"
                    + " NVML_FI_DEV_POWER_INSTANT, or the file was logged by an older lem");
        }
        return json;
    }

    private static Map<String, Object> window(Series counter, Series instant, Series average, Span span, double w) {
        double step = w / 2;
        List<Double> instantDiffs = new ArrayList<>();
        List<Double> averageDiffs = new ArrayList<>();
        int count = 0;
        // a tolerance of a microsecond so that float steps do not drop the last window that fits
        for (double a = span.fromS; a + w <= span.toS + 1e-6; a = span.fromS + ++count * step) {
            double b = Math.min(a + w, span.toS);
            double counterJ = counter.at(b) - counter.at(a);
            instantDiffs.add(nullToNaN(relDiff(instant, a, b, counterJ)));
            averageDiffs.add(nullToNaN(relDiff(average, a, b, counterJ)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_s", w);
        json.put("step_s", step);
        json.put("windows", count);
        json.put("instant", instant == null ? null : WindowStats.of(instantDiffs).toJson());
        json.put("average", average == null ? null : WindowStats.of(averageDiffs).toJson());
        return json;
    }

    private static Series series(PowerCsvTable csv, String column) {
        int i = csv.indexOf(column);
        if (i < 0) {
            return null;
        }
        Series s = csv.series(i);
        return s.size() >= 2 ? s : null;
    }

    private static Double relDiff(Series power, double a, double b, double counterJ) {
        if (power == null || !(counterJ > 0)) {
            return null;
        }
        return finite((power.integral(a, b) - counterJ) / counterJ);
    }

    private static double nullToNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** The span: as given, else from the first to the last busy sample, else the whole counter series. */
    static Span span(PowerCsvTable csv, String gpu, Series counter, Double fromS, Double toS) {
        double first = counter.timesS()[0];
        double last = counter.timesS()[counter.size() - 1];
        if (fromS != null || toS != null) {
            double a = fromS == null ? first : Math.max(first, fromS);
            double b = toS == null ? last : Math.min(last, toS);
            if (!(b > a)) {
                throw new ConfigException("--from/--to", String.format(Locale.ROOT, "[%s, %s] leaves no time"
                        + " inside the file's %.3f..%.3f s; fix: give t_s values from the file", fromS, toS, first, last));
            }
            return new Span(a, b, "given (--from/--to)");
        }
        int util = csv.indexOf(gpu + ":sm_util_pct");
        if (util >= 0) {
            double[] t = csv.timesS();
            double[] u = csv.values()[util];
            double a = Double.NaN;
            double b = Double.NaN;
            for (int i = 0; i < t.length; i++) {
                if (u[i] >= BUSY_UTIL_PCT && t[i] >= first && t[i] <= last) {
                    a = Double.isNaN(a) ? t[i] : a;
                    b = t[i];
                }
            }
            if (b > a) {
                return new Span(a, b, "busy: first to last sample with " + gpu + ":sm_util_pct >= " + BUSY_UTIL_PCT);
            }
        }
        return new Span(first, last, "whole file (no busy samples: no " + gpu + ":sm_util_pct >= " + BUSY_UTIL_PCT + ")");
    }

    /** The median time between a column's changes of value: how often the driver refreshes it. */
    static double medianUpdate(Series s) {
        List<Double> steps = new ArrayList<>();
        double lastChange = Double.NaN;
        for (int i = 1; i < s.size(); i++) {
            if (s.values()[i] != s.values()[i - 1]) {
                if (!Double.isNaN(lastChange)) {
                    steps.add(s.timesS()[i] - lastChange);
                }
                lastChange = s.timesS()[i];
            }
        }
        return median(steps);
    }

    private static double medianStep(double[] t) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < t.length; i++) {
            steps.add(t[i] - t[i - 1]);
        }
        return median(steps);
    }

    private static double median(List<Double> values) {
        return WindowStats.median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    record Span(double fromS, double toS, String rule) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from_s", fromS);
            json.put("to_s", toS);
            json.put("duration_s", toS - fromS);
            json.put("rule", rule);
            return json;
        }
    }
}
