package io.lem.study;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.lem.engine.telemetry.MetricsPoller;
import io.lem.engine.telemetry.PrometheusScraper;
import io.lem.time.Clock;
import io.lem.result.EngineMetricsCsv;
import io.lem.result.AtomicFiles;

/**
 * The engine's Prometheus metrics during a {@code lem load} run: probed once before the load (an unreachable or
 * non-Prometheus URL is a warning, and the run goes on without them), then polled until the last request ended.
 * The series goes to engine_metrics.csv in long form ({@code time_s,series,value}, time on requests.jsonl's axis),
 * and a per-series digest into summary.json.
 */
final class LoadEngineMetrics {

    static final String FILE = EngineMetricsCsv.FILE;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);

    private final URI url;
    private final Duration interval;
    private final MetricsPoller poller;
    private final String skipped;

    private LoadEngineMetrics(URI url, Duration interval, MetricsPoller poller, String skipped) {
        this.url = url;
        this.interval = interval;
        this.poller = poller;
        this.skipped = skipped;
    }

    /** vLLM and SGLang serve /metrics beside /v1, so a base URL copied with its /v1 still finds them. */
    static URI defaultUrl(URI endpoint) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create((base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base) + "/metrics");
    }

    static LoadEngineMetrics off() {
        return new LoadEngineMetrics(null, null, null, "disabled by --no-metrics");
    }

    /** Off, the given URL, or the endpoint's own /metrics, as the options say. */
    static LoadEngineMetrics start(io.lem.load.LoadOptions.Metrics options, URI endpoint, HttpClient http, Clock clock,
                                   Consumer<String> notes) {
        if (!options.enabled()) {
            return off();
        }
        return start(options.url() != null ? options.url() : defaultUrl(endpoint), options.url() != null, http, clock,
                options.interval(), notes);
    }

    /** @param explicit the URL came from --metrics-url (else it is the endpoint's /metrics, tried by default) */
    private static LoadEngineMetrics start(URI url, boolean explicit, HttpClient http, Clock clock, Duration interval,
                                           Consumer<String> notes) {
        PrometheusScraper scraper = new PrometheusScraper(http, url, SCRAPE_TIMEOUT);
        try {
            scraper.scrape();
        } catch (IOException e) {
            notes.accept("warning: no engine metrics from " + url + " (" + e.getMessage() + "); the run goes"
                    + " on without them" + (explicit ? "" : "; name them with --metrics-url URL or pass --no-metrics"));
            return new LoadEngineMetrics(url, interval, null, e.getMessage());
        }
        return new LoadEngineMetrics(url, interval, new MetricsPoller(scraper, clock, interval).start(), null);
    }

    /** Stops polling (after one last scrape). */
    void stop() throws InterruptedException {
        if (poller != null) {
            poller.close();
        }
    }

    /** Writes engine_metrics.csv when anything was scraped; returns the summary.json section. */
    Map<String, Object> write(Path dir, long anchorNs) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url == null ? null : url.toString());
        json.put("enabled", poller != null);
        if (poller == null) {
            json.put("skipped_because", skipped);
            return json;
        }
        List<MetricsPoller.Sample> samples = poller.samples();
        StringBuilder csv = new StringBuilder(EngineMetricsCsv.HEADER + "\n");
        Map<String, DoubleSummaryStatistics> stats = new LinkedHashMap<>();
        Map<String, double[]> firstLast = new LinkedHashMap<>();
        for (MetricsPoller.Sample s : samples) {
            String time = Double.toString((s.timeNs() - anchorNs) / 1e9);
            s.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                csv.append(time).append(',').append(EngineMetricsCsv.cell(e.getKey())).append(',').append(e.getValue()).append('\n');
                stats.computeIfAbsent(e.getKey(), k -> new DoubleSummaryStatistics()).accept(e.getValue());
                firstLast.computeIfAbsent(e.getKey(), k -> new double[] {e.getValue(), e.getValue()})[1] = e.getValue();
            });
        }
        AtomicFiles.write(dir.resolve(FILE), csv.toString().getBytes(StandardCharsets.UTF_8));
        json.put("file", FILE);
        json.put("interval_s", interval.toMillis() / 1e3);
        json.put("scrapes", samples.size());
        json.put("failed_scrapes", poller.failures());
        json.put("last_error", poller.lastError());
        json.put("prefix_cache_hit_rate", hitRate(firstLast, "vllm:prefix_cache_hits", "vllm:prefix_cache_queries"));
        Map<String, Object> series = new LinkedHashMap<>();
        stats.forEach((key, st) -> {
            Map<String, Object> digest = new LinkedHashMap<>();
            digest.put("first", firstLast.get(key)[0]);
            digest.put("last", firstLast.get(key)[1]);
            digest.put("min", st.getMin());
            digest.put("max", st.getMax());
            digest.put("mean", st.getAverage());
            digest.put("samples", st.getCount());
            series.put(key, digest);
        });
        json.put("series", series);
        return json;
    }

    /** vLLM V1's hit rate over the run: Δhits / Δqueries of the counters (summed over label sets); null without. */
    private static Double hitRate(Map<String, double[]> firstLast, String hits, String queries) {
        double h = delta(firstLast, hits);
        double q = delta(firstLast, queries);
        return Double.isNaN(h) || Double.isNaN(q) || q <= 0 ? null : h / q;
    }

    private static double delta(Map<String, double[]> firstLast, String name) {
        double sum = Double.NaN;
        for (var e : firstLast.entrySet()) {
            String key = e.getKey();
            if (key.equals(name + "_total") || key.startsWith(name + "_total{") || key.equals(name)
                    || key.startsWith(name + "{")) {
                sum = (Double.isNaN(sum) ? 0 : sum) + e.getValue()[1] - e.getValue()[0];
            }
        }
        return sum;
    }

}
