package io.lem.load;

import java.io.IOException;
import java.util.Map;

/**
 * Reads an engine's own gauges and counters (e.g. vLLM's Prometheus {@code /metrics}:
 * {@code vllm:num_requests_running}, {@code vllm:num_requests_waiting}, {@code vllm:gpu_cache_usage_perc}, prefix
 * cache hits) while load runs. Keys are series names as the engine writes them, labels included.
 */
@FunctionalInterface
public interface MetricsScraper {

    Map<String, Double> scrape() throws IOException;
}
