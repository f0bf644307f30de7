package io.lem.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The steady-state window of a run (docs/methodology.md): the part of the measured load where the engine saw its full
 * intended load, without the ramp (first requests still arriving) and the drain tail (last requests finishing
 * alone).
 *
 * @param rule    which rule made the window, in words
 * @param startNs window start on the run's clock
 * @param endNs   window end
 */
public record SteadyState(String rule, long startNs, long endNs) {

    /**
     * Closed loop with {@code concurrency} clients: from the moment {@code concurrency} requests are in flight (the
     * {@code concurrency}-th send) to the moment the last request is sent. Empty when there are no more requests
     * than clients (the load never reaches a steady state).
     */
    public static Optional<SteadyState> closedLoop(long[] sendNs, int concurrency) {
        if (sendNs.length <= concurrency) {
            return Optional.empty();
        }
        long[] sorted = sendNs.clone();
        Arrays.sort(sorted);
        long start = sorted[concurrency - 1];
        long end = sorted[sorted.length - 1];
        return end > start
                ? Optional.of(new SteadyState("closed loop: from " + concurrency + " requests in flight to the last send",
                start, end))
                : Optional.empty();
    }

    /** Open loop: from the end of warm-up to the last arrival. */
    public static Optional<SteadyState> openLoop(long warmupEndNs, long[] sendNs) {
        long last = Arrays.stream(sendNs).max().orElse(warmupEndNs);
        return last > warmupEndNs
                ? Optional.of(new SteadyState("open loop: from the end of warm-up to the last arrival", warmupEndNs, last))
                : Optional.empty();
    }

    /**
     * ML.ENERGY's rule for an engine with batch limit B (vLLM {@code max_num_seqs}, lem serve's slots), as in
     * ml-energy/benchmark {@code mlenergy/llm/benchmark.py}: from the moment B requests have received their first
     * token to the moment N − B requests have, N being the requests released at once. It does not apply when
     * N ≤ 2B (the window would be empty), when fewer than B requests can be in flight (the batch never fills), or
     * when the requests were not all released together (a closed loop with fewer clients than requests refills the
     * batch as requests end, so "N − B first tokens" no longer marks the start of the drain).
     *
     * @param firstTokenNs     first-token instants of the requests that received one
     * @param requests         N, the measured requests
     * @param concurrency      requests the load generator keeps in flight at most
     * @param releasedTogether whether all N requests were sent at once
     */
    public static BatchLimitRule batchLimit(long[] firstTokenNs, int requests, int batchLimit, int concurrency,
                                            boolean releasedTogether) {
        if (batchLimit < 1) {
            return BatchLimitRule.notApplicable("the engine's batch limit is unknown");
        }
        if (requests <= 2 * batchLimit) {
            return BatchLimitRule.notApplicable(requests + " requests <= 2 x batch limit " + batchLimit
                    + ": the window from " + batchLimit + " to " + (requests - batchLimit) + " first tokens is empty");
        }
        if (concurrency < batchLimit) {
            return BatchLimitRule.notApplicable("concurrency " + concurrency + " < batch limit " + batchLimit
                    + ": the batch never fills");
        }
        if (!releasedTogether) {
            return BatchLimitRule.notApplicable("requests were not released together (closed loop with "
                    + concurrency + " clients for " + requests + " requests); the rule needs all N sent at once");
        }
        if (firstTokenNs.length < requests - batchLimit) {
            return BatchLimitRule.notApplicable("only " + firstTokenNs.length + " of " + requests
                    + " requests received a first token");
        }
        long[] first = firstTokenNs.clone();
        Arrays.sort(first);
        long start = first[batchLimit - 1];
        long end = first[requests - batchLimit - 1];
        return end > start
                ? new BatchLimitRule(new SteadyState("batch limit " + batchLimit + " (ML.ENERGY): from " + batchLimit
                + " first tokens to N - " + batchLimit + " = " + (requests - batchLimit) + " first tokens", start, end), null)
                : BatchLimitRule.notApplicable("the " + batchLimit + "th and " + (requests - batchLimit)
                + "th first tokens arrived at the same instant");
    }

    /**
     * The outcome of ML.ENERGY's batch-limit rule: a window, or why the rule does not apply (exactly one non-null).
     */
    public record BatchLimitRule(SteadyState window, String notApplicableBecause) {

        static BatchLimitRule notApplicable(String reason) {
            return new BatchLimitRule(null, reason);
        }
    }

    public double durationS() {
        return (endNs - startNs) / 1e9;
    }

    /** Output tokens emitted inside the half-open window [t0, t1) by all requests ({@link RequestSpan#outputTokensIn}). */
    public static double tokensInside(List<RequestSpan> spans, long t0, long t1) {
        double total = 0;
        for (RequestSpan s : spans) {
            total += s.outputTokensIn(t0, t1);
        }
        return total;
    }
}
