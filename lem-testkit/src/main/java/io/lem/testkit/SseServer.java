package io.lem.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/** A loopback OpenAI-compatible endpoint that streams {@code chunks} one-token SSE chunks, then usage and [DONE]. */
public final class SseServer implements AutoCloseable {

    private final HttpServer server;
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicReference<String> lastBody = new AtomicReference<>();
    public final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    public SseServer(int chunks) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < chunks; i++) {
                    write(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + i + "\"}}]}");
                }
                write(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + chunks + "}}");
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    private static void write(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
