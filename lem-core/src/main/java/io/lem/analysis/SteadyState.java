package io.lem.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The steady-state window of a run (methods.md): the part of the measured load where the engine saw its full
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
     * ML.ENERGY's rule when the engine's batch limit is known (vLLM {@code max_num_seqs}): from when
     * {@code maxNumSeqs} requests received their first token until {@code n - maxNumSeqs - 1} requests finished.
     */
    public static Optional<SteadyState> batchLimit(long[] firstTokenNs, long[] endNs, int maxNumSeqs) {
        int n = endNs.length;
        if (maxNumSeqs < 1 || n - maxNumSeqs - 1 < 1 || firstTokenNs.length < maxNumSeqs) {
            return Optional.empty();
        }
        long[] first = firstTokenNs.clone();
        long[] ends = endNs.clone();
        Arrays.sort(first);
        Arrays.sort(ends);
        long start = first[maxNumSeqs - 1];
        long end = ends[n - maxNumSeqs - 2];
        return end > start ? Optional.of(new SteadyState("batch limit " + maxNumSeqs
                + ": from max_num_seqs first tokens to n - max_num_seqs - 1 completions", start, end)) : Optional.empty();
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
