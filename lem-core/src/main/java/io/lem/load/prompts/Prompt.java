package io.lem.load.prompts;

import java.util.List;

import io.lem.client.ChatMessage;
import io.lem.client.PromptRequest;

/**
 * One prompt of a workload.
 *
 * @param messages     the conversation to send; the last user turn is the query
 * @param outputTokens the output length this prompt asks for (dataset's reply length, synthetic draw), or -1 to
 *                     use the run's {@code max_tokens}
 */
public record Prompt(List<ChatMessage> messages, int outputTokens) {

    public Prompt {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message");
        }
        messages = List.copyOf(messages);
        outputTokens = outputTokens > 0 ? outputTokens : -1;
    }

    public static Prompt of(String text) {
        return new Prompt(List.of(ChatMessage.user(text)), -1);
    }

    public static Prompt of(String text, int outputTokens) {
        return new Prompt(List.of(ChatMessage.user(text)), outputTokens);
    }

    /** The query: the last user turn (or the last turn when none is a user's). */
    public String text() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return messages.getLast().content();
    }

    /**
     * The request a client sends for this prompt.
     *
     * @param defaultMaxTokens {@code max_tokens} when the prompt asks for no length of its own
     * @param exactLength      also send {@code min_tokens} = {@code max_tokens}, so servers that honour it
     *                         (vLLM) generate exactly that many tokens
     */
    public PromptRequest toRequest(int id, boolean warmup, int defaultMaxTokens, long seed, boolean exactLength) {
        int maxTokens = outputTokens > 0 ? outputTokens : defaultMaxTokens;
        boolean single = messages.size() == 1 && messages.getFirst().role().equals("user");
        return new PromptRequest(id, warmup, text(), maxTokens, seed, single ? List.of() : messages,
                exactLength ? maxTokens : 0);
    }
}
