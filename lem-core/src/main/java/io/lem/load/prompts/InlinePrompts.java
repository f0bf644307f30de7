package io.lem.load.prompts;

import java.util.List;

import io.lem.config.ConfigException;

/** Prompts given directly (the Energy Lab's query box, the Java API), drawn like a dataset. */
public record InlinePrompts(List<Prompt> prompts, Sampling sampling) implements PromptSource {

    public InlinePrompts {
        if (prompts == null || prompts.isEmpty()) {
            throw new ConfigException(PromptFiles.FIELD, "no prompts given; pass at least one");
        }
        prompts = List.copyOf(prompts);
    }

    @Override
    public List<Prompt> take(int count, long seed) {
        return sampling.draw(prompts, count, seed);
    }
}
