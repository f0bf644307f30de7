package io.lem.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Per-request energy (docs/methodology.md, "Per-request attribution").
 * <ol>
 *   <li>Token-proportional (inference energy protocol): {@code E_r = E_active / T_gen × completion_tokens_r}.</li>
 *   <li>Time-sharing: each sampling interval's active energy ({@code E[interval] − P_idle × Δt}) is split among the
 *       requests that emitted tokens in it, in proportion to those tokens (a request's prompt tokens count in the
 *       interval of its first token). An interval where requests are in flight but none emitted a token is split
 *       evenly among them; one with no request in flight stays unattributed. The shares of all intervals add up to
 *       the window's active energy exactly: {@code Σ E_r + unattributed = E_active}.</li>
 * </ol>
 * Without a baseline (idle power NaN), or when the window's active energy is negative (the baseline is not valid for
 * it, see {@link ActiveEnergy}), there is nothing to share: every share is NaN, never a negative or clamped joule.
 *
 * @param tokenProportionalJ per request, in input order
 * @param timeSharingJ       per request, in input order
 * @param unattributedJ      active energy of intervals with no request in flight
 * @param activeEnergyJ      Σ over the intervals of E − P_idle·Δt, the figure the shares add up to (may be negative)
 */
public record Attribution(double[] tokenProportionalJ, double[] timeSharingJ, double unattributedJ,
                          double activeEnergyJ) {

    /**
     * @param totalEnergy energy of the total domains over any window [t0, t1]
     * @param idlePowerW  baseline power (NaN when there is no baseline)
     * @param boundsNs    the sampling instants covering the window, ascending
     */
    public static Attribution of(List<RequestSpan> requests, WindowFunction totalEnergy, double idlePowerW,
                                 long[] boundsNs) {
        int n = requests.size();
        double[] timeSharing = new double[n];
        double unattributed = 0;
        double active = 0;
        double[] weights = new double[n];
        for (int i = 0; i + 1 < boundsNs.length; i++) {
            long a = boundsNs[i];
            long b = boundsNs[i + 1];
            double e = totalEnergy.energyJ(a, b) - idlePowerW * (b - a) / 1e9;
            active += e;
            double sum = 0;
            for (int r = 0; r < n; r++) {
                weights[r] = requests.get(r).tokensIn(a, b);
                sum += weights[r];
            }
            if (sum == 0) {
                for (int r = 0; r < n; r++) {
                    RequestSpan s = requests.get(r);
                    weights[r] = s.sendNs() < b && s.endNs() > a ? 1 : 0;
                    sum += weights[r];
                }
            }
            if (sum == 0) {
                unattributed += e;
                continue;
            }
            for (int r = 0; r < n; r++) {
                timeSharing[r] += e * weights[r] / sum;
            }
        }
        // the one validity rule of active energy (a negative sum is an invalid baseline; rounding is not)
        double shareable = new ActiveEnergy(active, idlePowerW, Double.NaN).energyJ();
        if (Double.isNaN(shareable)) {
            Arrays.fill(timeSharing, Double.NaN);
        }
        long generated = requests.stream().mapToLong(RequestSpan::completionTokens).sum();
        double perToken = generated == 0 ? Double.NaN : shareable / generated;
        double[] proportional = requests.stream().mapToDouble(s -> perToken * s.completionTokens()).toArray();
        return new Attribution(proportional, timeSharing, unattributed, active);
    }

    public double timeSharingSumJ() {
        return Arrays.stream(timeSharingJ).sum();
    }

    /** Energy of a window of the trace, for the total domains. */
    @FunctionalInterface
    public interface WindowFunction {
        double energyJ(long t0Ns, long t1Ns);
    }
}
