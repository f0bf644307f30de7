package io.lem.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.time.Clock;
import org.junit.jupiter.api.Test;
import io.lem.load.MetricsScraper;

class MetricsPollerTest {

    @Test
    void storesEveryScrapeOnTheRunClockAndCountsFailures() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch five = new CountDownLatch(5);
        MetricsScraper scraper = () -> {
            int n = calls.incrementAndGet();
            five.countDown();
            if (n == 2) {
                throw new IOException("connection refused");
            }
            return Map.of("vllm:num_requests_running", (double) n);
        };
        MetricsPoller poller = new MetricsPoller(scraper, Clock.system(), Duration.ofMillis(2)).start();
        five.await();
        poller.close();
        assertThat(poller.failures()).isEqualTo(1);
        assertThat(poller.lastError()).isEqualTo("connection refused");
        assertThat(poller.samples()).hasSize(calls.get() - 1);
        assertThat(poller.samples()).extracting(s -> s.values().get("vllm:num_requests_running"))
                .doesNotContain(2.0).isSorted();
        assertThat(poller.samples()).extracting(MetricsPoller.Sample::timeNs).isSorted();
    }
}
