package io.lem.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible server on loopback with a scripted answer: {@code /v1/models}, streamed
 * {@code /v1/chat/completions} with usage, and {@code /tokenize} counting whitespace-separated words. Its prompt
 * count is the words of every message plus {@link #TEMPLATE_PER_MESSAGE} per message, so a test knows the template
 * overhead independently. It records when it was busy, for the meter and for the queue test.
 */
final class ScriptedChat implements AutoCloseable {

    static final String MODEL = "scripted-model";
    static final int TEMPLATE_PER_MESSAGE = 3;

    /** One request's busy interval (System.nanoTime) and the body it received. */
    record Busy(long startNs, long endNs, JsonNode body) {
    }

    private final HttpServer server;
    private final List<String> chunks;
    private final long chunkDelayMs;
    private final long firstDelayMs;
    final AtomicBoolean busy = new AtomicBoolean();
    final List<Busy> requests = new ArrayList<>();

    ScriptedChat(List<String> chunks, long firstDelayMs, long chunkDelayMs) throws IOException {
        this.chunks = List.copyOf(chunks);
        this.firstDelayMs = firstDelayMs;
        this.chunkDelayMs = chunkDelayMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/models", ex -> send(ex, 200, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}"));
        server.createContext("/tokenize", ex -> {
            JsonNode body = LabJson.read(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int n = words(body.path("content").stringValue());
            send(ex, 200, "application/json", "{\"tokens\":" + ids(n) + "}");
        });
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
    }

    /** The requests a Lab measured: all but its one-token warm-ups. */
    List<Busy> measured() {
        synchronized (requests) {
            return requests.stream().filter(r -> r.body().path("max_tokens").asInt() != 1).toList();
        }
    }

    static int words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i + 1));
        }
        return "[" + String.join(",", ids) + "]";
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode body = LabJson.read(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        long start = System.nanoTime();
        busy.set(true);
        try {
            int prompt = 0;
            for (JsonNode m : body.path("messages")) {
                prompt += words(m.path("content").stringValue()) + TEMPLATE_PER_MESSAGE;
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                sleep(firstDelayMs);
                int max = body.path("max_tokens").asInt(chunks.size());
                int sent = 0;
                for (String c : chunks) {
                    if (sent == max) {
                        break;
                    }
                    String delta = LabJson.write(java.util.Map.of("content", c));
                    out.write(("data: {\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sent++;
                    sleep(chunkDelayMs);
                }
                out.write(("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":"
                        + sent + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the client went away (a cancelled run): nothing more to send
        } finally {
            busy.set(false);
            synchronized (requests) {
                requests.add(new Busy(start, System.nanoTime(), body));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
