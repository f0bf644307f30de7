package io.lem.client;

/**
 * One request as measured: monotonic times from the run's clock, token counts reported by the server.
 *
 * @param id               position in the run, from 0, warm-up included
 * @param warmup           true for warm-up requests (excluded from measured figures)
 * @param sendNs           when the request was handed to the HTTP client
 * @param firstTokenNs     when the first content chunk arrived, or -1
 * @param endNs            when the response ended (or failed)
 * @param promptTokens     prompt tokens as counted by the server, or -1
 * @param completionTokens generated tokens as counted by the server (or chunks when {@code tokensApproximate}), or -1
 * @param chunks           streamed content chunks received
 * @param tokensApproximate true when the server gave no usage and tokens were counted as chunks
 * @param status           outcome
 * @param error            error text, null when OK
 * @param chunkTimesNs     arrival time of every streamed content chunk, in order (empty when not recorded)
 */
public record RequestRecord(int id, boolean warmup, long sendNs, long firstTokenNs, long endNs, int promptTokens,
                            int completionTokens, int chunks, boolean tokensApproximate, RequestStatus status,
                            String error, long[] chunkTimesNs) {

    private static final long[] NO_CHUNK_TIMES = new long[0];

    public RequestRecord {
        chunkTimesNs = chunkTimesNs == null ? NO_CHUNK_TIMES : chunkTimesNs.clone();
    }

    /** A record without per-chunk times. */
    public RequestRecord(int id, boolean warmup, long sendNs, long firstTokenNs, long endNs, int promptTokens,
                         int completionTokens, int chunks, boolean tokensApproximate, RequestStatus status,
                         String error) {
        this(id, warmup, sendNs, firstTokenNs, endNs, promptTokens, completionTokens, chunks, tokensApproximate,
                status, error, NO_CHUNK_TIMES);
    }

    @Override
    public long[] chunkTimesNs() {
        return chunkTimesNs.clone();
    }

    public boolean ok() {
        return status == RequestStatus.OK;
    }

    public double ttftMs() {
        return firstTokenNs < 0 ? Double.NaN : (firstTokenNs - sendNs) / 1e6;
    }

    public double e2eMs() {
        return (endNs - sendNs) / 1e6;
    }

    /** Time per output token after the first, vLLM's definition: (e2e - ttft) / (completion_tokens - 1). */
    public double tpotMs() {
        if (firstTokenNs < 0 || completionTokens < 2) {
            return Double.NaN;
        }
        return (endNs - firstTokenNs) / 1e6 / (completionTokens - 1);
    }
}
