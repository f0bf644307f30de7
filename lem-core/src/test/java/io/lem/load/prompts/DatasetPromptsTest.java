package io.lem.load.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lem.client.ChatMessage;
import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text, JSONL and ShareGPT files read from disk, including the real ML.ENERGY ShareGPT subset. */
class DatasetPromptsTest {

    private static final TokenCounter WORDS = text -> text.split("\\s+").length;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path shareGptFixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("sharegpt_v3_filtered_500__mlenergy.json")) {
            Path path = dir.resolve("sharegpt.json");
            Files.write(path, in.readAllBytes());
            return path;
        }
    }

    @Test
    void textFileHasOnePromptPerLineAndSkipsBlankLines() throws IOException {
        Path prompts = file("prompts.txt", "What is RAPL?\n\n   \n  Explain KV caching.  \r\nWhy batch?\n");
        List<Prompt> taken = new TextFilePrompts(prompts, Sampling.IN_ORDER).take(5, 1);

        assertThat(taken).extracting(Prompt::text)
                .containsExactly("What is RAPL?", "Explain KV caching.", "Why batch?", "What is RAPL?", "Explain KV caching.");
        assertThat(taken).allSatisfy(p -> assertThat(p.outputTokens()).isEqualTo(-1));
    }

    @Test
    void fileErrorsNameTheFileAndTheFix() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> new TextFilePrompts(missing, Sampling.IN_ORDER).take(1, 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found").hasMessageContaining(missing.toString());
        Path blank = file("blank.txt", "\n  \n");
        assertThatThrownBy(() -> new TextFilePrompts(blank, Sampling.IN_ORDER).take(1, 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds no prompts");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> new TextFilePrompts(latin1, Sampling.IN_ORDER).take(1, 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void jsonlTakesPromptsOrMessagesWithOptionalLengths() throws IOException {
        Path jsonl = file("p.jsonl", """
                {"prompt": "one", "output_tokens": 64}

                {"messages": [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "two"}], "max_tokens": 8}
                {"prompt": "three"}
                """);
        List<Prompt> prompts = new JsonlPrompts(jsonl, Sampling.IN_ORDER).load();

        assertThat(prompts).extracting(Prompt::text).containsExactly("one", "two", "three");
        assertThat(prompts).extracting(Prompt::outputTokens).containsExactly(64, 8, -1);
        assertThat(prompts.get(1).messages()).containsExactly(ChatMessage.system("Be terse."), ChatMessage.user("two"));
    }

    @Test
    void badJsonlLinesAreReportedWithTheirLineNumber() throws IOException {
        String good = "{\"prompt\": \"ok\"}\n\n";
        assertThatThrownBy(() -> new JsonlPrompts(file("a.jsonl", good + "{\"prompt\": \n"), Sampling.IN_ORDER).load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.jsonl line 3").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new JsonlPrompts(file("b.jsonl", good + "{\"text\": \"x\"}\n"), Sampling.IN_ORDER).load())
                .hasMessageContaining("b.jsonl line 3").hasMessageContaining("\"prompt\"");
        assertThatThrownBy(() -> new JsonlPrompts(file("c.jsonl", "{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}"),
                Sampling.IN_ORDER).load()).hasMessageContaining("c.jsonl line 1").hasMessageContaining("role");
        assertThatThrownBy(() -> new JsonlPrompts(file("d.jsonl", "{\"prompt\": \"x\", \"output_tokens\": 0}"),
                Sampling.IN_ORDER).load()).hasMessageContaining("d.jsonl line 1").hasMessageContaining("output_tokens");
        assertThatThrownBy(() -> new JsonlPrompts(file("e.jsonl", "[1]"), Sampling.IN_ORDER).load())
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void realMlEnergyShareGptSubsetHasOnlyHumanTurns() throws IOException {
        Path path = shareGptFixture();
        List<Prompt> prompts = new ShareGptPrompts(path, Sampling.IN_ORDER, WORDS).load();

        assertThat(prompts).hasSize(500);
        assertThat(prompts.getFirst().text()).isEqualTo("How to stop automatic updates from the WSUS Server to a target machine");
        assertThat(prompts.getLast().text()).startsWith("Find the x-intercept of the tangent line to the\ngraph of f");
        assertThat(prompts).allSatisfy(p -> assertThat(p.outputTokens()).isEqualTo(-1));

        List<Prompt> drawn = new ShareGptPrompts(path, Sampling.WITHOUT_REPLACEMENT, null).take(500, 7);
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(prompts).isNotEqualTo(prompts);
    }

    @Test
    void shareGptReplyLengthBecomesTheOutputLengthWhenATokenizerIsGiven() throws IOException {
        Path path = file("conv.json", """
                [{"id": "a", "conversations": [{"from": "gpt", "value": "hello"}, {"from": "human", "value": "why?"},
                                                {"from": "gpt", "value": "because it is so"}]},
                 {"id": "b", "conversations": [{"from": "gpt", "value": "no human here"}]},
                 {"id": "c", "conversations": [{"from": "human", "value": "last"}]}]
                """);
        List<Prompt> prompts = new ShareGptPrompts(path, Sampling.IN_ORDER, WORDS).load();
        assertThat(prompts).extracting(Prompt::text).containsExactly("why?", "last");
        assertThat(prompts).extracting(Prompt::outputTokens).containsExactly(4, -1);
        assertThat(new ShareGptPrompts(path, Sampling.IN_ORDER, null).load()).extracting(Prompt::outputTokens)
                .containsExactly(-1, -1);
    }

    @Test
    void shareGptErrorsSayWhatShapeIsExpected() throws IOException {
        assertThatThrownBy(() -> new ShareGptPrompts(file("x.json", "[{\"id\": 1,\n"), Sampling.IN_ORDER, null).load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON at line");
        assertThatThrownBy(() -> new ShareGptPrompts(file("y.json", "{}"), Sampling.IN_ORDER, null).load())
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> new ShareGptPrompts(file("z.json", "[]"), Sampling.IN_ORDER, null).load())
                .hasMessageContaining("holds no prompts").hasMessageContaining("human");
    }
}
