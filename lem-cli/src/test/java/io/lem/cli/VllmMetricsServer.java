package io.lem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback {@code /metrics} serving the real vLLM 0.9.2 dump, with the running-requests gauge set to the scrape
 * number and the KV-cache gauge to a tenth of it, so every scrape differs from the one before.
 */
final class VllmMetricsServer implements AutoCloseable {

    private static final String RUNNING = "vllm:num_requests_running{model_name=\"Qwen/Qwen3-0.6B\"} 0.0";
    private static final String CACHE = "vllm:gpu_cache_usage_perc{model_name=\"Qwen/Qwen3-0.6B\"} 0.0";

    private final HttpServer server;
    final AtomicInteger scrapes = new AtomicInteger();

    VllmMetricsServer() throws IOException {
        String dump;
        try (InputStream in = VllmMetricsServer.class.getResourceAsStream("vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!dump.contains(RUNNING) || !dump.contains(CACHE)) {
            throw new IllegalStateException("the vLLM dump lacks the gauges this server rewrites");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            int n = scrapes.incrementAndGet();
            byte[] body = dump.replace(RUNNING, RUNNING.replace(" 0.0", " " + n + ".0"))
                    .replace(CACHE, CACHE.replace(" 0.0", " " + n / 10.0)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
