package io.lem.analysis;

import java.util.Arrays;

/**
 * One request's tokens over time, on the run's clock: what steady-state and attribution count per window.
 *
 * @param firstTokenNs     first token, or -1 when none arrived
 * @param chunkTimesNs     arrival time of every streamed chunk, ascending; empty when not streamed
 */
public record RequestSpan(long sendNs, long firstTokenNs, long endNs, int promptTokens, int completionTokens,
                          long[] chunkTimesNs) {

    public RequestSpan {
        chunkTimesNs = chunkTimesNs == null ? new long[0] : chunkTimesNs;
    }

    /**
     * Output tokens emitted in [a, b): the chunks inside (each worth completion_tokens / chunks, as one chunk may
     * carry several tokens), or, without chunk times, the tokens spread evenly over [first token, end].
     */
    public double outputTokensIn(long a, long b) {
        if (firstTokenNs < 0) {
            return 0;
        }
        if (chunkTimesNs.length > 0) {
            int inside = lowerBound(chunkTimesNs, b) - lowerBound(chunkTimesNs, a);
            return inside * (double) completionTokens / chunkTimesNs.length;
        }
        long span = endNs - firstTokenNs;
        if (span <= 0) {
            return firstTokenNs >= a && firstTokenNs < b ? completionTokens : 0;
        }
        long overlap = Math.min(b, endNs) - Math.max(a, firstTokenNs);
        return completionTokens * Math.max(0, overlap) / (double) span;
    }

    /** {@link #outputTokensIn} plus the prompt's tokens when the first token falls in [a, b). */
    public double tokensIn(long a, long b) {
        if (firstTokenNs < 0) {
            return 0;
        }
        return (firstTokenNs >= a && firstTokenNs < b ? promptTokens : 0) + outputTokensIn(a, b);
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
}
