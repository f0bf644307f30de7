package io.lem.config;

/**
 * The measured load of one experiment: a closed loop of {@code concurrency} clients sending {@code requests}
 * synthetic prompts of {@code inputTokens} tokens, each generating exactly {@code maxOutputTokens} tokens.
 */
public record WorkloadConfig(int requests, int concurrency, int inputTokens, int maxOutputTokens, long seed,
                             double requestTimeoutS) {
}
