package io.lem.client;

/** What to send: one user message and an exact output length. */
public record PromptRequest(int id, boolean warmup, String prompt, int maxOutputTokens, long seed) {
}
