package io.lem.analysis.stats;

/** JSON helpers shared by the result records of this package: JSON has no NaN or infinity, so those are null. */
final class Json {

    private Json() {
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** {@code name_unit}, or {@code name} alone for a dimensionless figure (empty unit). */
    static String key(String name, String unit) {
        return unit == null || unit.isEmpty() ? name : name + "_" + unit;
    }
}
