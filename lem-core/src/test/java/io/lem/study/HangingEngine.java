package io.lem.study;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in engine process launched as {@code HangingEngine --model FILE --port N} (by {@link StandInDriver}): healthy, tokenizes one token per word, answers its first {@link #ANSWERED} chat requests with
 * a short stream, then accepts chat requests and never sends a chunk, like an engine stuck in a kernel. With a model
 * path containing {@value #DIE_ON_TOKENIZE} it dies on its first tokenize request instead.
 */
public final class HangingEngine {

    static final int ANSWERED = 2;
    static final int CHUNKS = 4;
    /** A model path containing this makes the stand-in exit (code 3) on its first tokenize request. */
    static final String DIE_ON_TOKENIZE = "die-on-tokenize";
    /** A model path containing this makes the stand-in answer 404 on /tokenize, like engines without one. */
    static final String NO_TOKENIZE = "no-tokenize";

    private HangingEngine() {
    }

    public static void main(String[] args) throws IOException {
        int port = -1;
        boolean dieOnTokenize = false;
        boolean noTokenize = false;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
            dieOnTokenize |= args[i + 1].contains(DIE_ON_TOKENIZE);
            noTokenize |= args[i + 1].contains(NO_TOKENIZE);
        }
        boolean die = dieOnTokenize;
        boolean without = noTokenize;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> reply(exchange, "{\"status\":\"ok\"}"));
        server.createContext("/tokenize", exchange -> {
            if (die) {
                System.out.println("dying while tokenizing");
                Runtime.getRuntime().halt(3);
            }
            if (without) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String content = body.replaceAll(".*\"content\"\\s*:\\s*\"([^\"]*)\".*", "$1").strip();
            int words = content.isEmpty() ? 0 : content.split("\\s+").length;
            reply(exchange, "{\"tokens\":[" + "1,".repeat(words).replaceAll(",$", "") + "]}");
        });
        AtomicInteger chats = new AtomicInteger();
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            if (chats.incrementAndGet() > ANSWERED) {
                System.out.println("hanging on chat request " + chats.get());
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            for (int i = 0; i < CHUNKS; i++) {
                event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + i + "\"}}]}");
            }
            event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + CHUNKS + "}}");
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        server.start();
        System.out.println("stand-in engine listening on " + port);
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
