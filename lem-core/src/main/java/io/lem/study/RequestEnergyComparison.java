package io.lem.study;

import java.util.List;

import io.lem.result.RequestEnergyRow;

/**
 * Per-request energy both ways: lem's time-sharing attribution (request_energy.jsonl's {@code time_sharing_j})
 * beside ML.ENERGY's derived figure, steady-state active J/output-token × the request's output tokens. Active
 * (baseline-subtracted) on both sides, so that they share one energy.
 *
 * @param steadyRule          which steady state the derived figure used (the batch-limit window, or the
 *                            closed-loop steady state)
 * @param steadyJPerOutputToken the steady-state active J/output-token
 * @param requests            requests compared
 * @param meanTimeSharingJ    mean of lem's attribution
 * @param meanDerivedJ        mean of the derived figure
 * @param meanAbsoluteDifferenceJ mean of |derived − time sharing|
 * @param meanRelativeDifference  mean of |derived − time sharing| / time sharing, over requests with a positive
 *                                time-sharing share
 */
record RequestEnergyComparison(String steadyRule, double steadyJPerOutputToken, int requests,
                               double meanTimeSharingJ, double meanDerivedJ, double meanAbsoluteDifferenceJ,
                               double meanRelativeDifference) {

    static RequestEnergyComparison of(String steadyRule, double steadyJPerOutputToken, List<RequestEnergyRow> rows) {
        double ts = 0;
        double derived = 0;
        double abs = 0;
        double rel = 0;
        int n = 0;
        int relN = 0;
        for (RequestEnergyRow r : rows) {
            if (r.timeSharingJ() == null || r.completionTokens() == null) {
                continue;
            }
            double d = steadyJPerOutputToken * r.completionTokens();
            ts += r.timeSharingJ();
            derived += d;
            abs += Math.abs(d - r.timeSharingJ());
            if (r.timeSharingJ() > 0) {
                rel += Math.abs(d - r.timeSharingJ()) / r.timeSharingJ();
                relN++;
            }
            n++;
        }
        return new RequestEnergyComparison(steadyRule, steadyJPerOutputToken, n, ts / n, derived / n, abs / n,
                relN == 0 ? Double.NaN : rel / relN);
    }
}
