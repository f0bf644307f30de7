package io.lem.load.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.lem.client.ChatMessage;

/**
 * The Energy Lab's prompt set: a system prompt with named blocks appended (tools, policies, retrieved text), a
 * conversation context, and the user's query. Everything but the query is injection overhead the user never sees
 * but pays for; {@link #breakdown} measures each part so that overhead can be set against the energy.
 *
 * <p>Layout: one system message (system prompt, then each block, blank-line separated; omitted when all are
 * empty) and one user message (the context wrapped in {@code <conversation_context>} tags, a blank line, the query).
 *
 * @param conversationContext earlier turns as plain text; empty for none
 */
public record Composition(String systemPrompt, List<Block> blocks, String conversationContext) {

    public static final String CONTEXT_OPEN = "<conversation_context>\n";
    public static final String CONTEXT_CLOSE = "\n</conversation_context>";

    /** A named block appended to the system prompt; the name labels it in the breakdown only. */
    public record Block(String name, String text) {
    }

    /** The length of one part as inserted; {@code tokens} is -1 without a tokenizer. */
    public record PartLength(String part, int chars, int tokens) {
    }

    /** Every part's length; parts are counted alone, so chat-template tokens and separators are not included. */
    public record Breakdown(List<PartLength> parts) {

        public int queryTokens() {
            return parts.getLast().tokens();
        }

        /** Tokens of everything except the query (-1 without a tokenizer). */
        public int injectedTokens() {
            return parts.getLast().tokens() < 0 ? -1
                    : parts.stream().limit(parts.size() - 1L).mapToInt(PartLength::tokens).sum();
        }

        public int injectedChars() {
            return parts.stream().limit(parts.size() - 1L).mapToInt(PartLength::chars).sum();
        }
    }

    public Composition {
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        conversationContext = conversationContext == null ? "" : conversationContext;
    }

    public List<ChatMessage> messages(String query) {
        List<String> system = new ArrayList<>();
        if (!systemPrompt.isEmpty()) {
            system.add(systemPrompt);
        }
        blocks.stream().map(Block::text).filter(t -> !t.isEmpty()).forEach(system::add);
        String user = conversationContext.isEmpty() ? query : wrappedContext() + "\n\n" + query;
        return system.isEmpty() ? List.of(ChatMessage.user(user))
                : List.of(ChatMessage.system(String.join("\n\n", system)), ChatMessage.user(user));
    }

    public Prompt compose(Prompt query) {
        return new Prompt(messages(query.text()), query.outputTokens());
    }

    /**
     * Parts in order: {@code system_prompt}, {@code block:<name>} for each block, {@code conversation_context}
     * (tags included), and last {@code user_query}.
     *
     * @param counter the engine's tokenizer, or null for character counts only
     */
    public Breakdown breakdown(String query, TokenCounter counter) {
        List<PartLength> parts = new ArrayList<>();
        parts.add(length("system_prompt", systemPrompt, counter));
        for (Block block : blocks) {
            parts.add(length("block:" + block.name(), block.text(), counter));
        }
        parts.add(length("conversation_context", conversationContext.isEmpty() ? "" : wrappedContext(), counter));
        parts.add(length("user_query", query, counter));
        return new Breakdown(List.copyOf(parts));
    }

    private String wrappedContext() {
        return CONTEXT_OPEN + conversationContext + CONTEXT_CLOSE;
    }

    private static PartLength length(String part, String text, TokenCounter counter) {
        if (counter == null) {
            return new PartLength(part, text.length(), -1);
        }
        try {
            return new PartLength(part, text.length(), text.isEmpty() ? 0 : counter.count(text));
        } catch (IOException e) {
            throw new UncheckedIOException("counting the tokens of " + part + " failed", e);
        }
    }
}
