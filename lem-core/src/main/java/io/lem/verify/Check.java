package io.lem.verify;

/**
 * One figure of result.json (or lem load's summary.json) against its recomputation from the raw files.
 *
 * @param figure     the figure's path in the report (e.g. {@code energy.total_energy_j})
 * @param reported   the value the report holds; null when the field is null or absent
 * @param recomputed the value recomputed from power.csv, requests.jsonl and request_energy.jsonl; null when it is
 *                   undefined (no baseline, negative active energy) or cannot be computed (see note)
 * @param relDiff    |reported − recomputed| / max(|reported|, |recomputed|) (or / the figure's scale, see
 *                   {@link Tolerances}); 0 when both are null; null when only one is
 * @param tolerance  the largest relative difference that passes
 * @param note       why a figure is null or failed, or which row was the worst; null when there is nothing to say
 */
public record Check(String figure, Double reported, Double recomputed, Double relDiff, double tolerance,
                    boolean passed, String note) {

    /** Compares relative to the larger of the two values. */
    static Check of(String figure, Double reported, Recomputed recomputed, double tolerance) {
        return scaled(figure, reported, recomputed, Double.NaN, tolerance);
    }

    /**
     * Compares relative to {@code scale} when it is a positive number (window edges are compared relative to the
     * window's duration: a timestamp's own size says nothing about how far off it is).
     */
    static Check scaled(String figure, Double reported, Recomputed recomputed, double scale, double tolerance) {
        Double value = recomputed.value();
        if (reported == null && (value == null || recomputed.nullAgrees())) {
            return new Check(figure, null, null, 0.0, tolerance, true, recomputed.note());
        }
        if (reported == null || value == null) {
            String why = reported == null ? "reported null, the raw files give a value"
                    : "reported a value, the raw files give none";
            String note = recomputed.note() == null ? why : why + " (" + recomputed.note() + ")";
            return new Check(figure, reported, value, null, tolerance, false, note);
        }
        double diff = Math.abs(reported - value);
        double denominator = scale > 0 ? scale : Math.max(Math.abs(reported), Math.abs(value));
        double rel = diff <= Tolerances.ABSOLUTE_FLOOR ? 0.0 : diff / denominator;
        boolean passed = rel <= tolerance;
        return new Check(figure, reported, value, rel, tolerance, passed, recomputed.note());
    }
}
