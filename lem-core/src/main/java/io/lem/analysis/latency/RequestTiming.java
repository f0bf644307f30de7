package io.lem.analysis.latency;

/**
 * The timings of one measured request, as the load generator recorded them (monotonic ns of the run's clock).
 *
 * @param firstTokenNs  -1 when no token arrived
 * @param promptTokens  -1 when the server did not say
 * @param outputTokens  -1 when unknown
 * @param chunkTimesNs  arrival of every streamed chunk, in order (empty when the client did not record them)
 * @param latenessMs    actual − scheduled send of an open-loop request; NaN in a closed loop
 */
public record RequestTiming(long sendNs, long firstTokenNs, long endNs, int promptTokens, int outputTokens,
                            long[] chunkTimesNs, boolean ok, double latenessMs) {

    public RequestTiming {
        chunkTimesNs = chunkTimesNs.clone();
    }

    public double ttftMs() {
        return firstTokenNs < 0 ? Double.NaN : (firstTokenNs - sendNs) / 1e6;
    }

    public double e2eMs() {
        return (endNs - sendNs) / 1e6;
    }

    /** vLLM: (e2e − ttft) / (output_tokens − 1); NaN with fewer than 2 output tokens. */
    public double tpotMs() {
        return firstTokenNs < 0 || outputTokens < 2 ? Double.NaN : (endNs - firstTokenNs) / 1e6 / (outputTokens - 1);
    }

    /** Gaps between consecutive chunks (vLLM's ITL), in ms. */
    public double[] itlMs() {
        double[] gaps = new double[Math.max(0, chunkTimesNs.length - 1)];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = (chunkTimesNs[i + 1] - chunkTimesNs[i]) / 1e6;
        }
        return gaps;
    }
}
