package io.lem.client;

import java.util.List;

/**
 * What to send.
 *
 * @param prompt          the user's text; the whole request when {@code messages} is empty
 * @param maxOutputTokens {@code max_tokens} (Ollama: {@code num_predict}); 0 or less sends no limit
 * @param messages        the full conversation (system, context, user) for chat APIs; empty means one user turn
 *                        holding {@code prompt}
 * @param minOutputTokens vLLM's {@code min_tokens}, sent only when positive (OpenAI-compatible APIs only)
 */
public record PromptRequest(int id, boolean warmup, String prompt, int maxOutputTokens, long seed,
                            List<ChatMessage> messages, int minOutputTokens) {

    public PromptRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public PromptRequest(int id, boolean warmup, String prompt, int maxOutputTokens, long seed) {
        this(id, warmup, prompt, maxOutputTokens, seed, List.of(), 0);
    }

    /** The messages a chat endpoint receives. */
    public List<ChatMessage> chatMessages() {
        return messages.isEmpty() ? List.of(ChatMessage.user(prompt)) : messages;
    }

    /**
     * The text a completion endpoint receives: every turn's content, blank-line separated, since a raw
     * completion has no roles.
     */
    public String completionText() {
        if (messages.isEmpty()) {
            return prompt;
        }
        return String.join("\n\n", messages.stream().map(ChatMessage::content).filter(c -> !c.isEmpty()).toList());
    }
}
