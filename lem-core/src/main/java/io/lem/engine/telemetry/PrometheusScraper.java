package io.lem.engine.telemetry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lem.meter.prometheus.MetricFamily;
import io.lem.meter.prometheus.MetricType;
import io.lem.meter.prometheus.PrometheusFormatException;
import io.lem.meter.prometheus.PrometheusText;
import io.lem.meter.prometheus.Sample;
import io.lem.load.MetricsScraper;

/**
 * An inference engine's Prometheus {@code /metrics} as a {@link MetricsScraper}. For vLLM and SGLang only the
 * series that explain energy under load are kept (queue, batch, KV-cache use, prefix-cache lookups, token
 * counters); histograms are left out since requests.jsonl holds every latency already. Any other server: its
 * gauges, at most {@link #MAX_UNKNOWN_SERIES}, so an exporter with thousands of series cannot swamp the result.
 *
 * <p>Keys are {@code name{label="value",...}} with labels sorted by name, so the same series has the same key in
 * every scrape whatever order the server writes its labels in.
 */
public final class PrometheusScraper implements MetricsScraper {

    public static final int MAX_UNKNOWN_SERIES = 64;

    /**
     * vLLM V0 and V1 names (V1 renamed {@code gpu_cache_usage_perc} to {@code kv_cache_usage_perc} and replaced the
     * prefix-cache hit-rate gauge with query/hit counters); SGLang's scheduler gauges and token counters.
     */
    static final Set<String> ENGINE_FAMILIES = Set.of(
            "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:num_requests_swapped",
            "vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc", "vllm:cpu_cache_usage_perc",
            "vllm:gpu_prefix_cache_hit_rate", "vllm:cpu_prefix_cache_hit_rate",
            "vllm:prefix_cache_queries", "vllm:prefix_cache_hits",
            "vllm:prompt_tokens", "vllm:generation_tokens", "vllm:num_preemptions",
            "sglang:num_running_reqs", "sglang:num_queue_reqs", "sglang:num_used_tokens", "sglang:token_usage",
            "sglang:cache_hit_rate", "sglang:gen_throughput", "sglang:num_retracted_reqs",
            "sglang:prompt_tokens", "sglang:generation_tokens", "sglang:cached_tokens");

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;

    public PrometheusScraper(HttpClient http, URI url, Duration timeout) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
    }

    public URI url() {
        return url;
    }

    @Override
    public Map<String, Double> scrape() throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "text/plain").GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        try {
            return select(PrometheusText.parse(response.body()));
        } catch (PrometheusFormatException e) {
            throw new IOException(url + " is not Prometheus text: " + e.getMessage(), e);
        }
    }

    /** The series kept from one exposition (see the class comment), in the server's order. */
    public static Map<String, Double> select(List<MetricFamily> families) {
        boolean known = families.stream().flatMap(f -> f.samples().stream())
                .anyMatch(s -> ENGINE_FAMILIES.contains(baseName(s.name())));
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricFamily family : families) {
            if (family.type() == MetricType.HISTOGRAM || family.type() == MetricType.SUMMARY
                    || !known && family.type() != MetricType.GAUGE) {
                continue;
            }
            for (Sample s : family.samples()) {
                if (known && !ENGINE_FAMILIES.contains(baseName(s.name()))) {
                    continue;
                }
                if (!known && values.size() >= MAX_UNKNOWN_SERIES) {
                    return values;
                }
                values.put(key(s), s.value());
            }
        }
        return values;
    }

    /**
     * Counters are matched without their {@code _total}: prometheus_client writes it on the samples, and on the
     * TYPE line or not depending on its version.
     */
    private static String baseName(String sampleName) {
        return sampleName.endsWith("_total") ? sampleName.substring(0, sampleName.length() - "_total".length())
                : sampleName;
    }

    static String key(Sample s) {
        if (s.labels().isEmpty()) {
            return s.name();
        }
        StringBuilder sb = new StringBuilder(s.name()).append('{');
        new TreeMap<>(s.labels()).forEach((k, v) -> sb.append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }
}
