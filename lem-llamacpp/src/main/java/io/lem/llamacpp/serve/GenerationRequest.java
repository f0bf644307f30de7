package io.lem.llamacpp.serve;

import java.util.List;

/**
 * One generation, whichever API asked for it.
 *
 * @param maxTokens  tokens to generate at most; -1 means "until end of sequence or the slot's context is full"
 * @param ignoreEos  keep generating past end-of-sequence, so exactly {@code maxTokens} tokens come out
 * @param seed       sampling seed, or null for the server's
 * @param temperature null for the engine default
 * @param topP       null for the engine default
 */
record GenerationRequest(String prompt, int maxTokens, boolean ignoreEos, Long seed, Double temperature,
                         Double topP, List<String> stop) {
    GenerationRequest {
        stop = List.copyOf(stop);
    }
}
