package io.lem.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lem.result.EngineMetricsCsv;
import io.lem.result.RequestRow;

/**
 * The mean running batch of one run over a window, for the {@code batch_underfilled} check: from the engine's own
 * gauge ({@code vllm:num_requests_running} in engine_metrics.csv) when the run wrote one, else from the overlap of
 * the measured requests in requests.jsonl. A request counts as running from its send to its end, capped at the batch
 * limit B (the engine cannot run more than B; the rest wait in its queue), so the overlap figure is the time mean of
 * min(in flight, B).
 *
 * @param meanRunning the time mean; NaN when no figure could be formed
 * @param source      {@value #ENGINE_METRICS} or {@value #REQUEST_OVERLAP}
 */
record RunningBatch(double meanRunning, String source) {

    static final String ENGINE_METRICS = "engine_metrics";
    static final String REQUEST_OVERLAP = "request_overlap";
    static final String RUNNING_SERIES = "vllm:num_requests_running";

    /** @param metricsCsv engine_metrics.csv ({@code time_s,series,value}); need not exist */
    static RunningBatch of(Path metricsCsv, List<RequestRow> measured, double startS, double endS, int batchLimit)
            throws IOException {
        if (Files.isRegularFile(metricsCsv)) {
            // a real vLLM labels its gauge ({model_name="..."}, and {engine="0"} per engine with data parallelism):
            // the running batch at a scrape is the sum over the gauge's series, averaged over the window's scrapes
            Map<Double, Double> runningAt = new TreeMap<>();
            for (EngineMetricsCsv.Row row : EngineMetricsCsv.read(metricsCsv)) {
                if (row.name().equals(RUNNING_SERIES) && row.timeS() >= startS && row.timeS() <= endS) {
                    runningAt.merge(row.timeS(), row.value(), Double::sum);
                }
            }
            if (!runningAt.isEmpty()) {
                return new RunningBatch(runningAt.values().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow(), ENGINE_METRICS);
            }
        }
        return new RunningBatch(overlap(measured, startS, endS, batchLimit), REQUEST_OVERLAP);
    }

    /** The time mean over [startS, endS] of min(requests in flight, batchLimit). */
    static double overlap(List<RequestRow> requests, double startS, double endS, int batchLimit) {
        if (!(endS > startS)) {
            return Double.NaN;
        }
        List<double[]> events = new ArrayList<>();
        for (RequestRow r : requests) {
            double from = Math.max(r.sendS(), startS);
            double to = Math.min(r.endS(), endS);
            if (to > from) {
                events.add(new double[] {from, 1});
                events.add(new double[] {to, -1});
            }
        }
        events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double area = 0;
        double last = startS;
        int inFlight = 0;
        for (double[] e : events) {
            area += Math.min(inFlight, batchLimit) * (e[0] - last);
            last = e[0];
            inFlight += (int) e[1];
        }
        return area / (endS - startS);
    }
}
