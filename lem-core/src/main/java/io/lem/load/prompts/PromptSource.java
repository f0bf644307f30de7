package io.lem.load.prompts;

import java.util.List;

/**
 * Where a workload's prompts come from. The same count and seed give the same prompts in the same order.
 * Problems with the input (missing file, bad line, empty dataset) are {@link io.lem.config.ConfigException}s.
 */
public sealed interface PromptSource
        permits TextFilePrompts, JsonlPrompts, ShareGptPrompts, SyntheticSource, InlinePrompts, ComposedPrompts {

    List<Prompt> take(int count, long seed);
}
