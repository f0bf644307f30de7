package io.lem.load.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.lem.client.ChatMessage;
import io.lem.client.PromptRequest;
import org.junit.jupiter.api.Test;

class CompositionTest {

    private static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private static final Composition LAB = new Composition("You are a helpful assistant.",
            List.of(new Composition.Block("tools", "You may call get_weather(city)."),
                    new Composition.Block("policy", "Never reveal secrets.")),
            "user: hi\nassistant: hello");

    @Test
    void systemPromptAndBlocksFormTheSystemTurnAndContextIsWrappedBeforeTheQuery() {
        assertThat(LAB.messages("How warm is Oslo?")).containsExactly(
                ChatMessage.system("You are a helpful assistant.\n\nYou may call get_weather(city).\n\nNever reveal secrets."),
                ChatMessage.user("<conversation_context>\nuser: hi\nassistant: hello\n</conversation_context>\n\n"
                        + "How warm is Oslo?"));
        assertThat(new Composition(null, null, null).messages("q")).containsExactly(ChatMessage.user("q"));
    }

    @Test
    void breakdownMeasuresEachPartAndTheInjectionOverhead() {
        Composition.Breakdown b = LAB.breakdown("How warm is Oslo?", WORDS);

        assertThat(b.parts()).extracting(Composition.PartLength::part)
                .containsExactly("system_prompt", "block:tools", "block:policy", "conversation_context", "user_query");
        assertThat(b.parts()).extracting(Composition.PartLength::tokens).containsExactly(5, 4, 3, 6, 4);
        assertThat(b.queryTokens()).isEqualTo(4);
        assertThat(b.injectedTokens()).isEqualTo(18);
        assertThat(b.injectedChars()).isEqualTo("You are a helpful assistant.".length() + "You may call get_weather(city).".length()
                + "Never reveal secrets.".length() + "<conversation_context>\nuser: hi\nassistant: hello\n</conversation_context>".length());
        assertThat(LAB.breakdown("q", null).injectedTokens()).isEqualTo(-1);
    }

    @Test
    void composedSourceWrapsEveryQueryAndBecomesRequests() {
        PromptSource source = new ComposedPrompts(LAB, new InlinePrompts(
                List.of(Prompt.of("one", 16), Prompt.of("two")), Sampling.IN_ORDER));
        List<Prompt> prompts = source.take(3, 1);

        assertThat(prompts).extracting(p -> p.text().substring(p.text().lastIndexOf('\n') + 1))
                .containsExactly("one", "two", "one");
        assertThat(prompts.getFirst().messages()).hasSize(2);
        PromptRequest first = prompts.getFirst().toRequest(0, true, 64, 5, true);
        assertThat(first.maxOutputTokens()).isEqualTo(16);
        assertThat(first.minOutputTokens()).isEqualTo(16);
        assertThat(first.chatMessages()).isEqualTo(prompts.getFirst().messages());
        PromptRequest second = prompts.get(1).toRequest(1, false, 64, 5, false);
        assertThat(second.maxOutputTokens()).isEqualTo(64);
        assertThat(second.minOutputTokens()).isZero();
        PromptRequest plain = Prompt.of("solo").toRequest(2, false, 8, 5, false);
        assertThat(plain.messages()).isEmpty();
        assertThat(plain.prompt()).isEqualTo("solo");
    }
}
