package io.lem.load.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;


/**
 * Synthetic prompts whose input and output lengths follow the given distributions, fitted to the engine's
 * tokenizer when one is given (see {@link SyntheticPrompts}). Lengths and words come from separate streams split
 * off one seed, so changing the output distribution leaves the prompt texts as they were.
 */
public record SyntheticSource(LengthDistribution input, LengthDistribution output, TokenCounter counter)
        implements PromptSource {

    @Override
    public List<Prompt> take(int count, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom inputLengths = root.split();
        SplittableRandom outputLengths = root.split();
        SplittableRandom words = root.split();
        int[] inputTokens = new int[count];
        int[] outputTokens = new int[count];
        for (int i = 0; i < count; i++) {
            inputTokens[i] = input.draw(inputLengths);
            outputTokens[i] = output.draw(outputLengths);
        }
        List<String> texts;
        try {
            texts = SyntheticPrompts.generate(inputTokens, words, counter);
        } catch (IOException e) {
            throw new UncheckedIOException("the engine's tokenizer failed while fitting synthetic prompts", e);
        }
        List<Prompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prompts.add(Prompt.of(texts.get(i), outputTokens[i]));
        }
        return prompts;
    }
}
