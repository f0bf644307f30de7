package io.lem.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.lem.load.prompts.Composition;
import io.lem.load.prompts.Prompt;
import io.lem.load.prompts.TokenCounter;


/**
 * The summary.json section on where the prompts came from and, with a composition, what each injected part costs
 * in tokens (the engine's /tokenize) or only in characters when the server has no tokenizer endpoint.
 */
public final class LoadPromptsJson {

    private LoadPromptsJson() {
    }

    public static Map<String, Object> describe(LoadPrompts prompts, boolean fromTrace, List<Prompt> pool,
                                        TokenCounter tokenizer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", fromTrace ? "trace" : prompts.file() != null ? "file" : "synthetic");
        json.put("file", prompts.file() == null ? null : prompts.file().toString());
        json.put("format", prompts.file() == null ? null : prompts.resolvedFormat());
        json.put("sampling", prompts.file() == null ? null : prompts.sampling().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'));
        json.put("synthetic_input", prompts.syntheticInput());
        json.put("synthetic_output", prompts.syntheticOutput());
        json.put("tokenizer", tokenizer == null ? "none: the server has no /tokenize, lengths are in characters "
                + "(synthetic prompts assume one token per word)" : "engine /tokenize");
        json.put("distinct_prompts", pool.stream().distinct().count());
        json.put("composition", prompts.composed() ? composition(prompts.composition(), pool, tokenizer) : null);
        return json;
    }

    /**
     * Each part counted alone (no chat template, no separators), so the parts' tokens sum to slightly less than
     * what the server reports as prompt_tokens; the query (the user turn less the context) is summarised over the run's prompts by characters.
     */
    private static Map<String, Object> composition(Composition composition, List<Prompt> pool, TokenCounter tokenizer) {
        Composition.Breakdown breakdown = composition.breakdown("", tokenizer);
        List<Map<String, Object>> parts = breakdown.parts().subList(0, breakdown.parts().size() - 1).stream()
                .map(p -> {
                    Map<String, Object> part = new LinkedHashMap<>();
                    part.put("part", p.part());
                    part.put("chars", p.chars());
                    part.put("tokens", p.tokens() < 0 ? null : p.tokens());
                    return part;
                }).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parts", parts);
        json.put("injected_chars", breakdown.injectedChars());
        json.put("injected_tokens", breakdown.injectedTokens() < 0 ? null : breakdown.injectedTokens());
        int contextChars = breakdown.parts().get(breakdown.parts().size() - 2).chars();
        int before = contextChars == 0 ? 0 : contextChars + 2; // the context and the blank line after it
        json.put("user_query_chars_mean", pool.stream().mapToInt(p -> p.text().length() - before).average().orElse(0));
        return json;
    }
}
