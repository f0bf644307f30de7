package io.lem.lab;

import io.lem.client.EngineTimings;

/**
 * One streamed chat request as it happened, on the Lab's clock.
 *
 * @param firstTokenNs   the first content or thinking text, -1 when none came
 * @param promptTokens   the server's count, -1 when it gave none
 * @param outputTokens   visible answer tokens (server count minus thinking chunks), or chunks when no usage came
 * @param thinkingTokens chunks that carried only thinking text
 * @param tokensCounted  true when the server reported usage, false when tokens are counted as chunks
 * @param engineTimings  Ollama's load/prompt_eval/eval durations, null for other APIs
 * @param error          null when the answer ended normally
 */
public record ChatExchange(long sendNs, long firstTokenNs, long endNs, String answer, String thinkingText,
                           int promptTokens, int outputTokens, int thinkingTokens, boolean tokensCounted,
                           EngineTimings engineTimings, boolean cancelled, String error) {

    public boolean ok() {
        return error == null && !cancelled;
    }

    /** Listener of streamed text, called on the request's thread. */
    @FunctionalInterface
    public interface TextListener {
        void text(String chunk, boolean thinking);
    }
}
