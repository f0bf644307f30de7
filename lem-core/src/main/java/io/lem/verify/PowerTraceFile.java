package io.lem.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * power.csv read on its own terms: {@code t_s} then {@code <id>_energy_j} (cumulative joules) or
 * {@code <id>_power_w} (watts) per domain. Gauge columns (the id and a unit, {@code gpu0:temperature_c}) carry no energy and are ignored. An empty
 * cell means that domain has no sample in that row.
 */
final class PowerTraceFile {

    static final String FILE = "power.csv";

    private enum Kind { COUNTER, POWER }

    private record Series(Kind kind, double[] t, double[] v) {
    }

    private final Map<String, Series> series;
    private final String problem;

    private PowerTraceFile(Map<String, Series> series, String problem) {
        this.series = series;
        this.problem = problem;
    }

    static PowerTraceFile read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new PowerTraceFile(Map.of(), FILE + " is missing");
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new PowerTraceFile(Map.of(), FILE + " cannot be read: " + e.getMessage());
        }
    }

    private static PowerTraceFile parse(List<String> lines) {
        if (lines.isEmpty() || !lines.getFirst().startsWith("t_s")) {
            return new PowerTraceFile(Map.of(), FILE + " has no t_s header");
        }
        String[] header = lines.getFirst().split(",", -1);
        List<List<double[]>> points = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            points.add(new ArrayList<>());
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            double t = Double.parseDouble(cells[0]);
            for (int c = 1; c < header.length && c < cells.length; c++) {
                if (!cells[c].isBlank()) {
                    points.get(c).add(new double[] {t, Double.parseDouble(cells[c])});
                }
            }
        }
        Map<String, Series> series = new LinkedHashMap<>();
        for (int c = 1; c < header.length; c++) {
            String name = header[c];
            // a gauge's name is its id with its unit after a colon (gpu0:power_w); energy columns end in _energy_j
            // or _power_w, whatever their id holds (process:1234_energy_j)
            Kind kind = name.endsWith("_energy_j") ? Kind.COUNTER : name.endsWith("_power_w") ? Kind.POWER : null;
            if (kind == null) {
                continue;
            }
            List<double[]> p = points.get(c);
            double[] t = new double[p.size()];
            double[] v = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                t[i] = p.get(i)[0];
                v[i] = p.get(i)[1];
            }
            series.put(name.substring(0, name.lastIndexOf(kind == Kind.COUNTER ? "_energy_j" : "_power_w")),
                    new Series(kind, t, v));
        }
        return new PowerTraceFile(series, null);
    }

    /** Joules of one domain over [a, b], clamped to that domain's samples. */
    Recomputed energyJ(String id, Window window) {
        if (window == null) {
            return Recomputed.none("no such window in timeline");
        }
        Series s = series.get(id);
        if (s == null) {
            return Recomputed.none(problem != null ? problem : "no column " + id + "_energy_j or " + id
                    + "_power_w in " + FILE);
        }
        if (s.t.length < 2) {
            return Recomputed.none(id + " has fewer than two samples in " + FILE);
        }
        double a = Math.max(window.startS(), s.t[0]);
        double b = Math.min(window.endS(), s.t[s.t.length - 1]);
        if (a > b) {
            return Recomputed.none("window [" + window.startS() + ", " + window.endS() + "] lies outside the "
                    + id + " samples");
        }
        return Recomputed.of(s.kind == Kind.COUNTER ? at(s, b) - at(s, a) : trapezoid(s, a, b));
    }

    /** Joules summed over domains; null when any of them is. */
    Recomputed sumJ(List<String> ids, Window window) {
        Recomputed sum = Recomputed.of(0);
        for (String id : ids) {
            sum = sum.combine(energyJ(id, window), Double::sum);
        }
        return sum;
    }

    /** Seconds of [a, b] that the given domains' samples cover (the window clamped to the shortest of them). */
    Recomputed coveredS(List<String> ids, Window window) {
        double a = window.startS();
        double b = window.endS();
        for (String id : ids) {
            Series s = series.get(id);
            if (s == null || s.t.length < 2) {
                return Recomputed.none("no samples of " + id + " in " + FILE);
            }
            a = Math.max(a, s.t[0]);
            b = Math.min(b, s.t[s.t.length - 1]);
        }
        return Recomputed.of(Math.max(0, b - a));
    }

    /** Linear interpolation of the series at t, which lies within its samples. */
    private static double at(Series s, double t) {
        int hi = upper(s.t, t);
        if (hi == 0) {
            return s.v[0];
        }
        if (hi == s.t.length) {
            return s.v[s.t.length - 1];
        }
        int lo = hi - 1;
        double span = s.t[hi] - s.t[lo];
        return span <= 0 ? s.v[hi] : s.v[lo] + (s.v[hi] - s.v[lo]) * (t - s.t[lo]) / span;
    }

    private static double trapezoid(Series s, double a, double b) {
        double energy = 0;
        double prevT = a;
        double prevP = at(s, a);
        for (int i = upper(s.t, a); i < s.t.length && s.t[i] < b; i++) {
            energy += (s.t[i] - prevT) * (s.v[i] + prevP) / 2;
            prevT = s.t[i];
            prevP = s.v[i];
        }
        return energy + (b - prevT) * (at(s, b) + prevP) / 2;
    }

    /** Index of the first sample strictly after t. */
    private static int upper(double[] t, double x) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
