import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The capacity benchmark's endpoint: OpenAI-style SSE on 127.0.0.1, 16 one-token chunks per request, then usage and
 * [DONE]. Any method on /v1/chat/completions (wrk sends GET, lem POST). With a hold of H ms it spaces the chunks over
 * H ms, so streams stay open; GET /stats reports the most streams that were open at once.
 * Usage: java SseServer.java PORT [HOLD_MS]
 */
public final class SseServer {

    private static final int CHUNKS = 16;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long holdMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16384);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[][] chunks = new byte[CHUNKS][];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + i + "\"}}]}\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] tail = ("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + CHUNKS
                + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/chat/completions", exchange -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                for (byte[] chunk : chunks) {
                    if (holdMs > 0) {
                        Thread.sleep(holdMs / CHUNKS);
                    }
                    out.write(chunk);
                    out.flush();
                }
                out.write(tail);
                served.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
            }
        });
        server.createContext("/stats", exchange -> {
            byte[] body = ("{\"served\":" + served.get() + ",\"open\":" + open.get() + ",\"max_open\":" + maxOpen.get()
                    + "}\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on 127.0.0.1:" + port);
    }
}
