package io.lem.analysis;

import io.lem.meter.PowerTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Idle power of one domain from an idle window (engine up, no requests), and the active energy above it
 * (docs/methodology.md, "Baseline and active energy"): P_idle = E_idle / Δt_idle; the energy above it is an
 * {@link ActiveEnergy}.
 *
 * @param idlePowerW  mean power over the idle window
 * @param idleEnergyJ energy over the (clamped) idle window
 * @param durationS   the idle window's duration once clamped to the trace
 * @param warnings    from the window's energy computation
 */
public record Baseline(double idlePowerW, double idleEnergyJ, double durationS, List<String> warnings) {

    /** Relative drift between the before and after baselines beyond which a warning is raised. */
    public static final double DRIFT_LIMIT = 0.10;

    public Baseline {
        warnings = List.copyOf(warnings);
    }

    public static Baseline of(PowerTrace trace, int domainIndex, long t0Ns, long t1Ns, long expectedPeriodNs) {
        WindowEnergy w = WindowEnergy.of(trace, domainIndex, t0Ns, t1Ns, expectedPeriodNs);
        double durationS = WindowEnergy.clampedDurationS(trace, t0Ns, t1Ns);
        List<String> warnings = new ArrayList<>(w.warnings());
        if (durationS <= 0) {
            warnings.add("idle window is empty: no baseline");
            return new Baseline(Double.NaN, 0, 0, warnings);
        }
        return new Baseline(w.energyJ() / durationS, w.energyJ(), durationS, warnings);
    }

    /** Mean power of any window: its energy over its clamped duration (NaN for an empty window). */
    public static double meanPowerW(PowerTrace trace, int domainIndex, long t0Ns, long t1Ns, long expectedPeriodNs) {
        double durationS = WindowEnergy.clampedDurationS(trace, t0Ns, t1Ns);
        return durationS <= 0 ? Double.NaN
                : WindowEnergy.of(trace, domainIndex, t0Ns, t1Ns, expectedPeriodNs).energyJ() / durationS;
    }

    /** The energy above this baseline of a window of {@code durationS} that used {@code energyJ}. */
    public ActiveEnergy active(double energyJ, double durationS) {
        return ActiveEnergy.of(energyJ, idlePowerW, durationS);
    }

    /** A warning when the idle power after the run differs from the one before by more than 10 %. */
    public static Optional<String> driftWarning(Baseline before, Baseline after) {
        double drift = Math.abs(after.idlePowerW - before.idlePowerW) / before.idlePowerW;
        if (!(drift > DRIFT_LIMIT)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "baseline drift: idle power %.2f W before, %.2f W after"
                + " (%.0f %% > %.0f %%)", before.idlePowerW, after.idlePowerW, drift * 100, DRIFT_LIMIT * 100));
    }
}
