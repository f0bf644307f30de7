package io.lem.report.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.result.DoubleList;
import io.lem.result.PowerTable;
import io.lem.result.RequestEnergyRow;
import io.lem.result.RequestRow;
import io.lem.result.ResultFile;
import io.lem.result.SummaryFile;
import io.lem.result.Window;

/**
 * One measured run as read back from its directory: a {@code lem run} experiment (result.json) or a {@code lem load}
 * output (summary.json). Every part but the label and the requests may be missing from an older or partial
 * directory; {@link #notes} says which.
 *
 * @param label     how the run is named in tables and charts (point and cycle)
 * @param result    null for a lem load output
 * @param summary   null for a lem run experiment
 * @param tree      result.json as a tree, for the sections {@link ResultFile} does not type (phases, environment)
 * @param power     null without power.csv
 * @param energy    request_energy.jsonl's rows; empty without it
 * @param windows   named windows of the timeline, in time order (baseline, warm-up, measured, steady state)
 */
public record RunData(String label, Path dir, ResultFile result, SummaryFile summary, Map<String, Object> tree,
                      List<RequestRow> requests, PowerTable power, List<RequestEnergyRow> energy,
                      Map<String, Window> windows, List<String> notes) {

    public RunData {
        requests = List.copyOf(requests);
        energy = List.copyOf(energy);
        notes = List.copyOf(notes);
    }

    /** Whether the run's energy total is (in part) modelled rather than read from a counter. */
    public boolean estimated() {
        if (result != null) {
            return result.energy() != null && result.energy().estimated()
                    || result.methods() != null && result.methods().totalEstimated();
        }
        return summary != null && summary.energy() != null && summary.energy().estimated();
    }

    public Double joulesPerOutputToken() {
        if (result != null) {
            return result.metrics() == null ? null : result.metrics().joulesPerOutputToken();
        }
        return summary == null || summary.energy() == null ? null : summary.energy().joulesPerOutputToken();
    }

    public Double tokensPerSecond() {
        if (result != null) {
            return result.metrics() == null ? null : result.metrics().tokensPerSecond();
        }
        return summary == null ? null : summary.metrics().outputThroughputTokPerS();
    }

    /** The measured OK requests. */
    public List<RequestRow> measuredOk() {
        return requests.stream().filter(r -> r.measured() && r.ok()).toList();
    }

    public List<Double> ttftMs() {
        return measuredOk().stream().map(RequestRow::ttftMs).filter(v -> v != null).toList();
    }

    public List<Double> e2eMs() {
        return measuredOk().stream().map(RequestRow::e2eMs).toList();
    }

    /** Inter-token latencies: the gaps between consecutive chunk arrivals of each measured OK request. */
    public List<Double> itlMs() {
        List<RequestRow> ok = measuredOk();
        double[] gaps = new double[ok.stream().mapToInt(r -> Math.max(0, r.chunkMs().size() - 1)).sum()];
        int n = 0;
        for (RequestRow r : ok) {
            List<Double> chunks = r.chunkMs();
            for (int i = 1; i < chunks.size(); i++) {
                gaps[n++] = chunks.get(i) - chunks.get(i - 1);
            }
        }
        return DoubleList.copyOf(gaps, n);
    }
}
