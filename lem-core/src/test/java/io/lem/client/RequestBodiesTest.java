package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.lem.config.ConfigException;
import io.lem.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What each client puts on the wire, read back by the server side. */
class RequestBodiesTest {

    private static final PromptRequest CONVERSATION = new PromptRequest(1, false, "What is a joule?", 32, 9,
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is a joule?")), 32);

    private static ScriptedServer.Request capture(String api, ClientOptions options, PromptRequest request)
            throws IOException {
        Wire wire = Wire.valueOf(api.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            ScriptedServer.head(out, 200, wire.contentType);
            ScriptedServer.write(out, wire.chunk("x") + wire.end(1, 1));
        })) {
            ClientOptions pointed = new ClientOptions(server.baseUrl(), options.model(), options.apiKey(),
                    options.timeout(), options.stream(), options.ignoreEos());
            assertThat(Clients.create(api, pointed, Clock.system()).send(request).ok()).isTrue();
            return server.requests.getFirst();
        }
    }

    private static ClientOptions options(String apiKey, boolean ignoreEos) {
        return new ClientOptions(URI.create("http://127.0.0.1:1"), "qwen", apiKey, Duration.ofSeconds(5), true, ignoreEos);
    }

    private static JsonNode json(ScriptedServer.Request request) {
        return Json.MAPPER.readTree(request.body());
    }

    @Test
    void chatSendsTheConversationUsageRequestKeyAndVllmExtensions() throws IOException {
        ScriptedServer.Request req = capture("openai", options("sk-test", true), CONVERSATION);
        JsonNode body = json(req);

        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.headers()).containsEntry("authorization", "Bearer sk-test")
                .containsEntry("accept", "text/event-stream");
        assertThat(body.at("/messages/0/role").asString()).isEqualTo("system");
        assertThat(body.at("/messages/1/content").asString()).isEqualTo("What is a joule?");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(32);
        assertThat(body.path("min_tokens").asInt()).isEqualTo(32);
        assertThat(body.path("ignore_eos").asBoolean()).isTrue();
        assertThat(body.path("seed").asLong()).isEqualTo(9);
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void extensionsAndKeyAreLeftOutUnlessAsked() throws IOException {
        JsonNode body = json(capture("openai", options(null, false), new PromptRequest(0, false, "hi", 8, 1)));
        assertThat(body.has("ignore_eos")).isFalse();
        assertThat(body.has("min_tokens")).isFalse();
        assertThat(body.at("/messages/0/role").asString()).isEqualTo("user");
        assertThat(capture("openai", options(" ", false), CONVERSATION).headers()).doesNotContainKey("authorization");
    }

    @Test
    void completionsSendsThePromptAsPlainText() throws IOException {
        ScriptedServer.Request req = capture("openai-completions", options(null, false), CONVERSATION);
        assertThat(req.path()).isEqualTo("/v1/completions");
        assertThat(json(req).path("prompt").asString()).isEqualTo("Be brief.\n\nWhat is a joule?");
        assertThat(json(req).has("messages")).isFalse();
    }

    @Test
    void ollamaPutsLimitsInOptionsAndSplitsTheSystemPromptForGenerate() throws IOException {
        JsonNode chat = json(capture("ollama", options(null, true), CONVERSATION));
        assertThat(chat.at("/messages/0/content").asString()).isEqualTo("Be brief.");
        assertThat(chat.at("/options/num_predict").asInt()).isEqualTo(32);
        assertThat(chat.at("/options/ignore_eos").asBoolean()).isTrue();
        assertThat(chat.path("stream").asBoolean()).isTrue();

        ScriptedServer.Request generate = capture("ollama-generate", options(null, false), CONVERSATION);
        assertThat(generate.path()).isEqualTo("/api/generate");
        assertThat(json(generate).path("system").asString()).isEqualTo("Be brief.");
        assertThat(json(generate).path("prompt").asString()).isEqualTo("What is a joule?");
        assertThat(json(generate).at("/options").has("ignore_eos")).isFalse();
    }

    @Test
    void reasoningAndThinkingChunksAreCountedAndFlagged() throws IOException {
        String sse = "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hm\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning\":\"so\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"42\"}}]}\n\ndata: [DONE]\n\n";
        RequestRecord openAi = StreamFixturesTest.send("openai", true, ScriptedServer.replay("text/event-stream", sse));
        assertThat(openAi.chunks()).isEqualTo(3);
        assertThat(openAi.reasoningChunks()).isEqualTo(2);

        String ndjson = "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"hm\"},\"done\":false}\n"
                + "{\"message\":{\"role\":\"assistant\",\"content\":\"42\"},\"done\":false}\n"
                + "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"eval_count\":2}\n";
        RequestRecord ollama = StreamFixturesTest.send("ollama", true, ScriptedServer.replay("application/x-ndjson", ndjson));
        assertThat(ollama.chunks()).isEqualTo(2);
        assertThat(ollama.reasoningChunks()).isEqualTo(1);
        assertThat(ollama.firstTokenNs()).isEqualTo(ollama.chunkTimesNs()[0]);
    }

    @Test
    void optionsAndFactoryRejectMistakesNamingTheField() {
        assertThatThrownBy(() -> Clients.create("vllm", options(null, false), Clock.system()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api").hasMessageContaining("openai-completions");
        assertThatThrownBy(() -> new ClientOptions(URI.create("localhost:8000"), "m", null, Duration.ofSeconds(1), true, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("endpoint");
        assertThatThrownBy(() -> new ClientOptions(URI.create("http://h"), " ", null, Duration.ofSeconds(1), true, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("model");
        assertThatThrownBy(() -> new ClientOptions(URI.create("http://h"), "m", null, Duration.ZERO, true, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("timeout");
    }

    @Test
    void endpointKeepsAProxyPrefixAndDropsATrailingV1() {
        ClientOptions o = new ClientOptions(URI.create("http://h:8000/proxy/v1/"), "m", null, Duration.ofSeconds(1),
                true, false);
        assertThat(o.endpoint("/v1/chat/completions")).hasToString("http://h:8000/proxy/v1/chat/completions");
        assertThat(o.endpoint("/api/chat")).hasToString("http://h:8000/proxy/v1/api/chat");
    }
}
