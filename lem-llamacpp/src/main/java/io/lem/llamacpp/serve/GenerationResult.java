package io.lem.llamacpp.serve;

/**
 * What one generation produced, with durations from the server's monotonic clock.
 *
 * @param queueNs      request received until the engine accepted it (parsing, templating, tokenizing)
 * @param promptEvalNs engine accepted it until the first token arrived (slot wait, prefill, first sample)
 * @param evalNs       first token until the last
 * @param totalNs      request received until the last token
 */
record GenerationResult(String text, int promptTokens, int completionTokens, String finishReason,
                        long queueNs, long promptEvalNs, long evalNs, long totalNs) {

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
