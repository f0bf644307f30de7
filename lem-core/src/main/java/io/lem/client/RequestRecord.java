package io.lem.client;

/**
 * One request as measured: monotonic times from the run's clock, token counts reported by the server.
 *
 * @param id                position in the run, from 0, warm-up included
 * @param warmup            true for warm-up requests (excluded from measured figures)
 * @param sendNs            when the request was handed to the HTTP client
 * @param firstTokenNs      when the first streamed chunk (content or reasoning) arrived, or -1
 * @param endNs             when the response ended (or failed)
 * @param promptTokens      prompt tokens as counted by the server, or -1
 * @param completionTokens  generated tokens as counted by the server (or chunks when {@code tokensApproximate}), or -1
 * @param chunks            streamed chunks received, reasoning chunks included
 * @param tokensApproximate true when the server gave no usage and tokens were counted as chunks
 * @param status            outcome
 * @param error             error text, null when OK
 * @param httpStatus        the response's HTTP status, 0 when none arrived
 * @param chunkTimesNs      arrival time of every streamed chunk, in order ({@code chunks} entries); empty when not
 *                          streamed. A primitive array: 10,000 requests of 1,000 chunks stay at 80 MB
 * @param reasoningChunks   how many of the chunks carried only reasoning/thinking text
 * @param engineTimings     the engine's own counts and durations (Ollama), null when the API has none
 */
public record RequestRecord(int id, boolean warmup, long sendNs, long firstTokenNs, long endNs, int promptTokens,
                            int completionTokens, int chunks, boolean tokensApproximate, RequestStatus status,
                            String error, int httpStatus, long[] chunkTimesNs, int reasoningChunks,
                            EngineTimings engineTimings) {

    private static final long[] NONE = new long[0];

    public RequestRecord {
        chunkTimesNs = chunkTimesNs == null ? NONE : chunkTimesNs;
    }

    public RequestRecord(int id, boolean warmup, long sendNs, long firstTokenNs, long endNs, int promptTokens,
                         int completionTokens, int chunks, boolean tokensApproximate, RequestStatus status,
                         String error) {
        this(id, warmup, sendNs, firstTokenNs, endNs, promptTokens, completionTokens, chunks, tokensApproximate,
                status, error, 0, NONE, 0, null);
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

    /** Inter-token latencies, vLLM's ITL: the gaps between consecutive streamed chunks, in ms. */
    public double[] itlMs() {
        if (chunkTimesNs.length < 2) {
            return new double[0];
        }
        double[] gaps = new double[chunkTimesNs.length - 1];
        for (int i = 1; i < chunkTimesNs.length; i++) {
            gaps[i - 1] = (chunkTimesNs[i] - chunkTimesNs[i - 1]) / 1e6;
        }
        return gaps;
    }
}
