package io.lem.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Per-request energy (methods.md, "Per-request attribution").
 * <ol>
 *   <li>Token-proportional (seed 001): {@code E_r = E_active / T_gen × completion_tokens_r}.</li>
 *   <li>Time-sharing: each sampling interval's active energy ({@code E[interval] − P_idle × Δt}) is split among the
 *       requests that emitted tokens in it, in proportion to those tokens (a request's prompt tokens count in the
 *       interval of its first token). An interval where requests are in flight but none emitted a token is split
 *       evenly among them; one with no request in flight stays unattributed. The shares of all intervals add up to
 *       the window's active energy exactly: {@code Σ E_r + unattributed = E_active}.</li>
 * </ol>
 *
 * @param tokenProportionalJ per request, in input order
 * @param timeSharingJ       per request, in input order
 * @param unattributedJ      active energy of intervals with no request in flight
 * @param activeEnergyJ      the window's active energy the shares add up to (before clamping at 0)
 */
public record Attribution(double[] tokenProportionalJ, double[] timeSharingJ, double unattributedJ,
                          double activeEnergyJ) {

    /** The output tokens of one request over time; chunk times may be empty (tokens spread evenly instead). */
    public record RequestSpan(long sendNs, long firstTokenNs, long endNs, int promptTokens, int completionTokens,
                              long[] chunkTimesNs) {
    }

    /**
     * @param totalEnergy energy of the total domains over any window [t0, t1]
     * @param idlePowerW  baseline power (0 when there is no baseline)
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
                weights[r] = tokensIn(requests.get(r), a, b);
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
        long generated = requests.stream().mapToLong(RequestSpan::completionTokens).sum();
        double perToken = generated == 0 ? Double.NaN : Math.max(0, active) / generated;
        double[] proportional = requests.stream().mapToDouble(s -> perToken * s.completionTokens()).toArray();
        return new Attribution(proportional, timeSharing, unattributed, active);
    }

    /** Tokens request {@code s} emitted in [a, b): chunks inside, or its tokens spread evenly; prompt at the split. */
    static double tokensIn(RequestSpan s, long a, long b) {
        if (s.firstTokenNs() < 0) {
            return 0;
        }
        double tokens = s.firstTokenNs() >= a && s.firstTokenNs() < b ? s.promptTokens() : 0;
        long[] chunks = s.chunkTimesNs();
        if (chunks != null && chunks.length > 0) {
            int from = lowerBound(chunks, a);
            int to = lowerBound(chunks, b);
            return tokens + (to - from) * (double) s.completionTokens() / chunks.length;
        }
        long span = s.endNs() - s.firstTokenNs();
        if (span <= 0) {
            return tokens + (s.firstTokenNs() >= a && s.firstTokenNs() < b ? s.completionTokens() : 0);
        }
        long overlap = Math.min(b, s.endNs()) - Math.max(a, s.firstTokenNs());
        return tokens + s.completionTokens() * Math.max(0, overlap) / (double) span;
    }

    private static int lowerBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
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
