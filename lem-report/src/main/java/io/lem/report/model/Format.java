package io.lem.report.model;

import java.util.Locale;

/** Numbers as the page and the figures print them: locale-free, so a report reads the same on every machine. */
public final class Format {

    private Format() {
    }

    /** Four significant digits; "—" for a figure that is not there. */
    public static String num(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "—";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e5 || a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A mean with its CI: "0.0206 [0.0190, 0.0221]", or the mean alone without bounds. */
    public static String ci(PointRow.Ci ci) {
        if (ci.lower() == null || ci.upper() == null) {
            return num(ci.mean());
        }
        return num(ci.mean()) + " [" + num(ci.lower()) + ", " + num(ci.upper()) + "]";
    }
}
