package io.lem.verify;

/** A recomputed figure, or null with the reason it is undefined or could not be computed. */
record Recomputed(Double value, String note) {

    static Recomputed of(double value) {
        return Double.isFinite(value) ? new Recomputed(value, null) : none("not a finite number");
    }

    static Recomputed of(double value, String note) {
        return Double.isFinite(value) ? new Recomputed(value, note) : none(note);
    }

    static Recomputed none(String why) {
        return new Recomputed(null, why);
    }

    boolean present() {
        return value != null;
    }

    /** This value combined with another; null (with the first reason) when either is. */
    Recomputed combine(Recomputed other, java.util.function.DoubleBinaryOperator op) {
        if (!present()) {
            return this;
        }
        if (!other.present()) {
            return other;
        }
        return of(op.applyAsDouble(value, other.value));
    }
}
