package io.lem.load.prompts;

/** Counts the tokens of a text with the engine's own tokenizer (e.g. llama.cpp's {@code POST /tokenize}). */
@FunctionalInterface
public interface TokenCounter {

    int count(String text) throws java.io.IOException;
}
