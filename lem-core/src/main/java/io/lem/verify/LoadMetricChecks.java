package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.lem.result.DoubleList;

/**
 * summary.json's metrics (lem load): request counts, tokens and throughput of the measured window (first measured
 * send to last measured end), and the TTFT, TPOT, ITL and E2E distributions of the measured ok requests.
 */
final class LoadMetricChecks {

    /** Distribution figures checked: percentiles by the rule of {@link Tokens#percentile} (0 = min, 100 = max). */
    private static final String[] PERCENTILES = {"median", "min", "max", "p90", "p95", "p99"};
    private static final double[] PERCENT = {50, 0, 100, 90, 95, 99};

    private LoadMetricChecks() {
    }

    static List<Check> checks(Recompute r) {
        List<Check> checks = new ArrayList<>();
        String problem = r.files.requests().problem();
        List<RequestRows.Request> rows = r.files.requests().rows();
        long measured = rows.stream().filter(RequestRows.Request::measured).count();
        long ok = r.measuredOk.size();
        Recomputed requests = MetricChecks.counted(measured, problem);
        Recomputed okRequests = MetricChecks.counted(ok, problem);
        Recomputed in = MetricChecks.counted(r.inputTokens, problem);
        Recomputed out = MetricChecks.counted(r.outputTokens, problem);
        Recomputed duration = r.lastMeasuredEndS().combine(r.firstMeasuredSendS(), (end, start) -> end - start);
        checks.add(LoadChecks.check(r, REQUESTS_SENT, MetricChecks.counted(rows.size(), problem)));
        metric(checks, r, LOAD_REQUESTS, requests);
        metric(checks, r, LOAD_REQUESTS_OK, okRequests);
        metric(checks, r, LOAD_REQUESTS_FAILED, MetricChecks.counted(measured - ok, problem));
        metric(checks, r, ERROR_RATE, Recompute.ratio(MetricChecks.counted(measured - ok, problem), requests));
        metric(checks, r, LOAD_DURATION_S, duration);
        metric(checks, r, LOAD_PROMPT_TOKENS, in);
        metric(checks, r, OUTPUT_TOKENS, out);
        metric(checks, r, REQUEST_THROUGHPUT, Recompute.ratio(okRequests, duration));
        metric(checks, r, OUTPUT_THROUGHPUT, Recompute.ratio(out, duration));
        metric(checks, r, TOTAL_THROUGHPUT, Recompute.ratio(in.combine(out, Double::sum), duration));
        distribution(checks, r, TTFT, values(r, RequestRows.Request::ttftMs), problem);
        distribution(checks, r, TPOT, values(r, RequestRows.Request::tpotMs), problem);
        distribution(checks, r, E2E, values(r, RequestRows.Request::e2eMs), problem);
        distribution(checks, r, ITL, gaps(r), problem);
        return checks;
    }

    private static void metric(List<Check> checks, Recompute r, String field, Recomputed recomputed) {
        checks.add(LoadChecks.check(r, METRICS + field, recomputed));
    }

    private static void distribution(List<Check> checks, Recompute r, String name, List<Double> values,
                                     String problem) {
        metric(checks, r, name + "/" + COUNT, MetricChecks.counted(values.size(), problem));
        metric(checks, r, name + "/mean_ms", Tokens.mean(values));
        metric(checks, r, name + "/std_ms", Tokens.std(values));
        double[] sorted = Tokens.sorted(values); // once for all six: a large load has millions of gaps
        for (int i = 0; i < PERCENTILES.length; i++) {
            metric(checks, r, name + "/" + PERCENTILES[i] + "_ms", Tokens.percentile(sorted, PERCENT[i]));
        }
    }

    private static List<Double> values(Recompute r, Function<RequestRows.Request, Double> field) {
        return r.measuredOk.stream().map(field).filter(Objects::nonNull).toList();
    }

    /** vLLM's ITL: every gap between consecutive chunks of a measured ok request, pooled. */
    private static List<Double> gaps(Recompute r) {
        double[] gaps = new double[r.measuredOk.stream().mapToInt(q -> Math.max(0, q.chunkMs().size() - 1)).sum()];
        int n = 0;
        for (RequestRows.Request q : r.measuredOk) {
            for (int i = 1; i < q.chunkMs().size(); i++) {
                gaps[n++] = q.chunkMs().get(i) - q.chunkMs().get(i - 1);
            }
        }
        return DoubleList.copyOf(gaps, n);
    }
}
