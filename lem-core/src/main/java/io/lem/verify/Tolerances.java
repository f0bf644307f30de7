package io.lem.verify;

/**
 * How close a reported figure must be to its recomputation. Every tolerance is listed here and in the README's
 * {@code lem verify} section; keep the two in step.
 */
public final class Tolerances {

    /**
     * 0.1 % for every figure. Both sides integrate the same samples with the same formulas, so a correct figure
     * differs only by floating-point rounding (about 1e-12); 0.1 % is the bar the issue sets for "citable".
     */
    public static final double DEFAULT = 1e-3;

    /**
     * Differences at or under 1e-9 in the figure's own unit (J, W, s, ms, tokens) count as 0. Figures that should be
     * zero or nearly so (unattributed joules, a closure of sums) are differences of large sums, so their rounding
     * noise relative to their own size is meaningless.
     */
    public static final double ABSOLUTE_FLOOR = 1e-9;

    /**
     * Window edges ({@code timeline.measured.start_s}, {@code end_s}) are compared relative to the window's duration,
     * not to the timestamp: 0.1 % of the duration.
     */
    public static final double WINDOW_EDGE = DEFAULT;

    private Tolerances() {
    }
}
