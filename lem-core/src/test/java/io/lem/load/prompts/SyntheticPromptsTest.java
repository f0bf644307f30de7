package io.lem.load.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import io.lem.load.prompts.TokenCounter;

class SyntheticPromptsTest {

    /** A tokenizer where every character is a token: exact lengths must be hit by the search. */
    private static final TokenCounter CHARS = String::length;

    @Test
    void sameSeedSamePrompts() throws Exception {
        assertThat(SyntheticPrompts.generate(5, 20, 7, null)).isEqualTo(SyntheticPrompts.generate(5, 20, 7, null));
        assertThat(SyntheticPrompts.generate(5, 20, 7, null)).isNotEqualTo(SyntheticPrompts.generate(5, 20, 8, null));
    }

    @Test
    void withoutTokenizerOneWordPerToken() throws Exception {
        List<String> prompts = SyntheticPrompts.generate(3, 12, 1, null);
        assertThat(prompts).allSatisfy(p -> assertThat(p.split(" ")).hasSize(12));
    }

    @Test
    void withTokenizerNeverExceedsTargetAndComesClose() throws Exception {
        TokenCounter words = text -> text.split(" ").length * 2; // two tokens per word: even targets are exact
        assertThat(SyntheticPrompts.generate(4, 40, 3, words)).allSatisfy(p -> assertThat(words.count(p)).isEqualTo(40));
        assertThat(SyntheticPrompts.generate(4, 50, 3, CHARS)).allSatisfy(p ->
                assertThat(CHARS.count(p)).isEqualTo(50));
    }
}
