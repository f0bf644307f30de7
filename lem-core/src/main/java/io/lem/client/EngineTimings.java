package io.lem.client;

/**
 * What the engine itself reports about a request (Ollama's closing object); every field is -1 when absent.
 * Ollama omits {@code prompt_eval_count} when the whole prompt came from its cache.
 *
 * @param loadDurationNs  time before evaluation started (model load, or queueing in lem serve)
 * @param totalDurationNs the engine's own end-to-end time
 */
public record EngineTimings(int promptEvalCount, int evalCount, long promptEvalDurationNs, long evalDurationNs,
                            long loadDurationNs, long totalDurationNs) {

    /** Time the engine spent evaluating (The Energy Lab's M_eff numerator), or -1 when either part is missing. */
    public long activeNs() {
        return promptEvalDurationNs < 0 || evalDurationNs < 0 ? -1 : promptEvalDurationNs + evalDurationNs;
    }
}
