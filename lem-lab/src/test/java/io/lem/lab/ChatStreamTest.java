package io.lem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.lem.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lab's streaming reader against recorded third-party streams, replayed byte for byte on loopback. */
class ChatStreamTest {

    static final Composition ONE = new Composition("m", "q", "", "", List.of(), false, 0.7, 64, null);

    /** Serves {@code body} at {@code path}, then runs {@code test} against it. */
    static ChatExchange replay(String path, String type, byte[] body, String api, List<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext(path, ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            ChatStream stream = new ChatStream(HttpClient.newHttpClient(),
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), api, Clock.system(),
                    Duration.ofSeconds(30));
            return stream.send(ONE, (text, thinking) -> seen.add((thinking ? "T:" : "") + text), () -> false);
        } finally {
            server.stop(0);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ChatStreamTest.class.getResourceAsStream("/streams/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsARecordedOpenAiStreamWithItsUsage() throws Exception {
        List<String> seen = new ArrayList<>();
        ChatExchange x = replay("/v1/chat/completions", "text/event-stream",
                resource("openai_gpt-4o-mini_chat_stream_include_usage__pydantic-ai_cassette_interaction_2.sse"), "openai",
                seen);
        // python3 over the same file: 'The capital of the UK is London.', usage 78 prompt / 9 completion tokens
        assertThat(x.error()).isNull();
        assertThat(x.answer()).isEqualTo("The capital of the UK is London.");
        assertThat(String.join("", seen)).isEqualTo(x.answer());
        assertThat(x.promptTokens()).isEqualTo(78);
        assertThat(x.outputTokens()).isEqualTo(9);
        assertThat(x.tokensCounted()).isTrue();
        assertThat(x.firstTokenNs()).isBetween(x.sendNs(), x.endNs());
    }

    @Test
    void readsOllamasDocumentedChatStreamWithItsDurations() throws Exception {
        ChatExchange x = replay("/api/chat", "application/x-ndjson", resource("ollama_docs_api_chat_stream_example.ndjson"),
                "ollama", new ArrayList<>());
        assertThat(x.answer()).isEqualTo("The");
        assertThat(x.promptTokens()).isEqualTo(26);
        assertThat(x.outputTokens()).isEqualTo(282);
        assertThat(x.engineTimings().loadDurationNs()).isEqualTo(1_334_875);
        assertThat(x.engineTimings().activeNs()).isEqualTo(342_546_000L + 4_535_599_000L);
    }

    @Test
    void countsThinkingApartFromTheVisibleAnswer() throws Exception {
        // scripted in Ollama's shape with its 'thinking' field (no recorded thinking stream is at hand)
        String ndjson = """
                {"message":{"role":"assistant","content":"","thinking":"Let me see."},"done":false}
                {"message":{"role":"assistant","content":"","thinking":" Sum."},"done":false}
                {"message":{"role":"assistant","content":"Four."},"done":false}
                {"message":{"role":"assistant","content":""},"done":true,"prompt_eval_count":5,"eval_count":3,\
                "prompt_eval_duration":1000,"eval_duration":2000,"load_duration":0}
                """;
        List<String> seen = new ArrayList<>();
        ChatExchange x = replay("/api/chat", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8), "ollama",
                seen);
        assertThat(seen).containsExactly("T:Let me see.", "T: Sum.", "Four.");
        assertThat(x.thinkingText()).isEqualTo("Let me see. Sum.");
        assertThat(x.answer()).isEqualTo("Four.");
        assertThat(x.thinkingTokens()).isEqualTo(2);
        assertThat(x.outputTokens()).isEqualTo(1);
    }

    @Test
    void aStreamCutShortIsAFailedExchangeNotAnException() throws Exception {
        ChatExchange x = replay("/v1/chat/completions", "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n".getBytes(StandardCharsets.UTF_8), "openai",
                new ArrayList<>());
        assertThat(x.ok()).isFalse();
        assertThat(x.error()).contains("without [DONE]");
        assertThat(x.answer()).isEqualTo("Hi");
    }
}
