package io.lem.verify;

/**
 * A recomputed figure, or null with the reason it is undefined or could not be computed.
 *
 * @param nullAgrees a null reported value agrees too: a figure that is null when negative, recomputed within
 *                   {@link Tolerances#ABSOLUTE_FLOOR} of 0, where rounding decides the sign on either side
 */
record Recomputed(Double value, String note, boolean nullAgrees) {

    static Recomputed of(double value) {
        return Double.isFinite(value) ? new Recomputed(value, null, false) : none("not a finite number");
    }

    static Recomputed of(double value, String note) {
        return Double.isFinite(value) ? new Recomputed(value, note, false) : none(note);
    }

    static Recomputed none(String why) {
        return new Recomputed(null, why, false);
    }

    /** This value, which a reported null matches as well (see {@link #nullAgrees}). */
    Recomputed orNull(String why) {
        return new Recomputed(value, why, true);
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
