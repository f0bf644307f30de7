package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lem.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The streaming client against real recorded streams, replayed by a real HTTP server on loopback. */
class OpenAiChatClientTest {

    private HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String contentType, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> reply(exchange, status, contentType, body));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = OpenAiChatClientTest.class.getResourceAsStream("/fixtures/streams/" + name)) {
            return in.readAllBytes();
        }
    }

    private RequestRecord send(URI base) {
        OpenAiChatClient client = new OpenAiChatClient(http, base, "m", Clock.system(), Duration.ofSeconds(5));
        return client.send(new PromptRequest(7, false, "hello", 16, 1));
    }

    /** Non-empty delta.content values in a transcript, counted independently of the client's parser. */
    private static int contentChunks(String transcript) {
        Matcher m = Pattern.compile("\"delta\":\\{[^}]*\"content\":\"([^\"]+)\"").matcher(transcript);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void readsOpenAiStreamWithUsageChunk() throws IOException {
        byte[] body = fixture("openai_gpt-4o-mini_chat_stream_include_usage__pydantic-ai_cassette_interaction_2.sse");
        RequestRecord r = send(serve(200, "text/event-stream", body));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.promptTokens()).isEqualTo(78);
        assertThat(r.completionTokens()).isEqualTo(9);
        assertThat(r.tokensApproximate()).isFalse();
        assertThat(r.chunks()).isEqualTo(contentChunks(new String(body, StandardCharsets.UTF_8))).isPositive();
        assertThat(r.sendNs()).isLessThan(r.firstTokenNs());
        assertThat(r.firstTokenNs()).isLessThanOrEqualTo(r.endNs());
    }

    @Test
    void readsUsageRidingOnTheLastContentChunk() throws IOException {
        String lines = new String(fixture("deepseek-chat_stream_chunks_usage_in_final_chunk__langchain_test_literal.jsonl"),
                StandardCharsets.UTF_8);
        StringBuilder sse = new StringBuilder();
        lines.lines().filter(l -> !l.isBlank()).forEach(l -> sse.append("data: ").append(l).append("\n\n"));
        RequestRecord r = send(serve(200, "text/event-stream", sse.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.promptTokens()).isEqualTo(11);
        assertThat(r.completionTokens()).isEqualTo(15);
        assertThat(r.chunks()).isEqualTo(contentChunks(lines));
    }

    @Test
    void withoutUsageCountsChunksAndSaysSo() throws IOException {
        String sse = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\ndata: [DONE]\n\n";
        RequestRecord r = send(serve(200, "text/event-stream", sse.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.tokensApproximate()).isTrue();
    }

    @Test
    void faultsAreRecordedNotThrown() throws IOException {
        RequestRecord http500 = send(serve(500, "application/json",
                "{\"error\":{\"message\":\"boom\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(http500.status()).isEqualTo(RequestStatus.HTTP_ERROR);
        assertThat(http500.error()).contains("500").contains("boom");
        stop();

        RequestRecord cut = send(serve(200, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(cut.status()).isEqualTo(RequestStatus.PROTOCOL_ERROR);
        assertThat(cut.error()).contains("without [DONE]");
        assertThat(cut.chunks()).isEqualTo(1);
        stop();

        RequestRecord garbage = send(serve(200, "text/event-stream", "data: {not json\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(garbage.status()).isEqualTo(RequestStatus.PROTOCOL_ERROR);
        assertThat(garbage.error()).contains("malformed");
        stop();
        server = null;

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RequestRecord refused = send(URI.create("http://127.0.0.1:" + closedPort));
        assertThat(refused.status()).isEqualTo(RequestStatus.CONNECTION_ERROR);
        assertThat(List.of(refused.firstTokenNs())).containsExactly(-1L);
    }
}
