package io.lem.analysis;

import java.util.Locale;
import java.util.Optional;

/**
 * Energy above the idle baseline over one window, for one domain or for a total (docs/methodology.md, "Baseline and
 * active energy"): {@code E_active = E − P_idle × Δt}. A negative difference means the baseline is not valid for
 * that window (other load during the baseline, or drift): the active figure is then NaN (written as null) and the
 * raw difference is kept on its own, never clamped to 0.
 *
 * @param rawJ       E − P_idle × Δt, negative values included; NaN without a baseline
 * @param idlePowerW P_idle; NaN without a baseline
 * @param meanPowerW E / Δt over the window
 */
public record ActiveEnergy(double rawJ, double idlePowerW, double meanPowerW) {

    /**
     * A difference this close to 0 is the rounding of the two energies, not a baseline above the load: it counts as
     * 0 (a constant-power window gives −5.6e-17 J as often as +5.6e-17 J).
     */
    public static final double ROUNDING_J = 1e-9;

    /** No baseline: every figure NaN. */
    public static final ActiveEnergy NONE = new ActiveEnergy(Double.NaN, Double.NaN, Double.NaN);

    public static ActiveEnergy of(double energyJ, double idlePowerW, double durationS) {
        double mean = durationS > 0 ? energyJ / durationS : Double.NaN;
        return new ActiveEnergy(energyJ - idlePowerW * durationS, idlePowerW, mean);
    }

    /** True when a baseline exists and the window's energy is at least its idle energy (within rounding). */
    public boolean valid() {
        return rawJ >= -ROUNDING_J;
    }

    /** The active energy, NaN when there is no baseline or it is not valid for this window. */
    public double energyJ() {
        return valid() ? Math.max(0, rawJ) : Double.NaN;
    }

    /** Why the active figure is null, naming both powers; empty when it is valid or there is no baseline. */
    public Optional<String> invalidWarning(String scope) {
        if (valid() || Double.isNaN(rawJ)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "baseline not valid for %s: mean power %.3f W is below the idle"
                + " power %.3f W, so active energy would be negative (%.3f J); active figures are null (the raw"
                + " difference is kept in active_energy_raw_j). Re-measure with a quiet machine or a longer baseline",
                scope, meanPowerW, idlePowerW, rawJ));
    }
}
