package io.lem.report.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for people: 6 significant digits, plain between 1e-4 and 1e7, else scientific; never the locale's. */
public final class Numbers {

    private Numbers() {
    }

    public static String sixDigits(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return Double.toString(d);
        }
        double abs = Math.abs(d);
        return abs >= 1e-4 && abs < 1e7
                ? new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.5e", d);
    }

    /** Null as "-". */
    public static String sixDigits(Double d) {
        return d == null ? "-" : sixDigits(d.doubleValue());
    }
}
