package io.lem.load.prompts;

import java.util.List;

/** Queries from any source, each wrapped in the same {@link Composition} (system prompt, blocks, context). */
public record ComposedPrompts(Composition composition, PromptSource queries) implements PromptSource {

    @Override
    public List<Prompt> take(int count, long seed) {
        return queries.take(count, seed).stream().map(composition::compose).toList();
    }
}
