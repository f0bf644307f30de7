package io.lem.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import com.sun.net.httpserver.HttpServer;
import io.lem.meter.prometheus.MetricFamily;
import io.lem.meter.prometheus.PrometheusText;
import io.lem.meter.prometheus.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusScraperTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = PrometheusScraperTest.class.getResourceAsStream("/io/lem/meter/prometheus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Double> select(String fixture) throws Exception {
        return PrometheusScraper.select(PrometheusText.parse(fixture(fixture)));
    }

    @Test
    void vllmKeepsQueueCacheAndTokenCountersButNoHistograms() throws Exception {
        Map<String, Double> values = select("vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt");

        String model = "{model_name=\"Qwen/Qwen3-0.6B\"}";
        assertThat(values).containsEntry("vllm:num_requests_running" + model, 0.0)
                .containsEntry("vllm:num_requests_waiting" + model, 0.0)
                .containsEntry("vllm:gpu_cache_usage_perc" + model, 0.0)
                .containsEntry("vllm:prompt_tokens_total" + model, 14.0)
                .containsEntry("vllm:generation_tokens_total" + model, 107.0)
                .containsEntry("vllm:num_preemptions_total" + model, 0.0)
                .hasSize(6);
    }

    @Test
    void sglangKeepsItsSchedulerGaugesAndCacheCounters() throws Exception {
        Map<String, Double> values = select("sglang_datadog_fixture_metrics.txt");

        assertThat(values.keySet()).anyMatch(k -> k.startsWith("sglang:num_running_reqs{"))
                .anyMatch(k -> k.startsWith("sglang:num_queue_reqs{"))
                .anyMatch(k -> k.startsWith("sglang:token_usage{"))
                .anyMatch(k -> k.startsWith("sglang:cache_hit_rate{"))
                .anyMatch(k -> k.startsWith("sglang:cached_tokens_total{"))
                .anyMatch(k -> k.startsWith("sglang:prompt_tokens_total{"))
                .noneMatch(k -> k.contains("_bucket") || k.contains("seconds") || k.startsWith("sglang:utilization"));
        assertThat(values).containsEntry("sglang:cached_tokens_total{model_name=\"facebook/opt-125m\",tp_rank=\"0\"}", 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcgm_exporter_datadog_fixture_metrics.txt", "scaphandre_datadog_fixture_metrics.txt",
            "kepler_datadog_fixture_metrics.txt"})
    void otherServersGiveTheirGaugesOnlyAndAtMostTheBound(String fixture) throws Exception {
        List<MetricFamily> families = PrometheusText.parse(fixture(fixture));
        Map<String, Double> values = PrometheusScraper.select(families);

        long gauges = families.stream().filter(f -> f.type() == io.lem.meter.prometheus.MetricType.GAUGE)
                .mapToLong(f -> f.samples().size()).sum();
        assertThat(values).isNotEmpty().hasSize((int) Math.min(gauges, PrometheusScraper.MAX_UNKNOWN_SERIES));
        List<String> counters = families.stream().filter(f -> f.type() == io.lem.meter.prometheus.MetricType.COUNTER)
                .flatMap(f -> f.samples().stream()).map(PrometheusScraper::key).toList();
        assertThat(values.keySet()).doesNotContainAnyElementsOf(counters);
    }

    /** The key names the series whatever order the server writes the labels in, and escapes as the format does. */
    @org.junit.jupiter.api.RepeatedTest(20)
    void keysAreIndependentOfLabelOrder(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            labels.put("l" + random.nextInt(100), "v\"" + random.nextInt(10) + "\\");
        }
        List<Map.Entry<String, String>> entries = new java.util.ArrayList<>(labels.entrySet());
        java.util.Collections.shuffle(entries, new java.util.Random(random.nextLong()));
        Map<String, String> shuffled = new java.util.LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));

        String a = PrometheusScraper.key(new Sample("m", labels, 1, OptionalLong.empty()));
        String b = PrometheusScraper.key(new Sample("m", shuffled, 1, OptionalLong.empty()));
        assertThat(a).isEqualTo(b).startsWith("m{").endsWith("}").contains("=\"v\\\"");
    }

    @Test
    void scrapesOverHttpAndReportsWhatWentWrong() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String dump = fixture("vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt");
        server.createContext("/metrics", exchange -> reply(exchange.getResponseBody(), exchange, 200, dump));
        server.createContext("/garbage", exchange -> reply(exchange.getResponseBody(), exchange, 200, "{\"not\": 1}"));
        server.start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            Map<String, Double> values = new PrometheusScraper(http, URI.create(base + "/metrics"), Duration.ofSeconds(5))
                    .scrape();
            assertThat(values).containsKey("vllm:num_requests_running{model_name=\"Qwen/Qwen3-0.6B\"}");
            assertThatThrownBy(() -> new PrometheusScraper(http, URI.create(base + "/none"), Duration.ofSeconds(5)).scrape())
                    .isInstanceOf(IOException.class).hasMessage("HTTP 404 from " + base + "/none");
            assertThatThrownBy(() -> new PrometheusScraper(http, URI.create(base + "/garbage"), Duration.ofSeconds(5))
                    .scrape()).isInstanceOf(IOException.class).hasMessageContaining("is not Prometheus text");
        } finally {
            server.stop(0);
        }
    }

    private static void reply(OutputStream body, com.sun.net.httpserver.HttpExchange exchange, int status, String text)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (body) {
            body.write(bytes);
        }
    }
}
