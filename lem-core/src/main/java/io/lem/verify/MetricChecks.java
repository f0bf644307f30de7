package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Token and request counts, throughput, the J/token family and latency statistics. */
final class MetricChecks {

    private static final double TOL = Tolerances.DEFAULT;
    private static final double J_PER_WH = 3600;

    private MetricChecks() {
    }

    static List<Check> checks(Recompute r) {
        List<Check> checks = new ArrayList<>();
        String problem = r.files.requests().problem();
        Recomputed out = counted(r.outputTokens, problem);
        Recomputed in = counted(r.inputTokens, problem);
        Recomputed total = out.combine(in, Double::sum);
        Recomputed duration = r.measuredDurationS();
        Recomputed okRequests = counted(r.measuredOk.size(), problem);
        metric(checks, r, OUTPUT_TOKENS, out);
        metric(checks, r, INPUT_TOKENS, in);
        metric(checks, r, TOTAL_TOKENS, total);
        metric(checks, r, DURATION_SEC, duration);
        metric(checks, r, INFERENCE_TIME_SEC, duration);
        metric(checks, r, TOKENS_PER_SECOND, Recompute.ratio(out, duration));
        metric(checks, r, TOTAL_TOKENS_PER_SECOND, Recompute.ratio(total, duration));
        metric(checks, r, METRICS_TOTAL_ENERGY, r.totalJ);
        metric(checks, r, JOULES_PER_TOKEN, Recompute.ratio(r.totalJ, total));
        metric(checks, r, TOKENS_PER_JOULE, Recompute.ratio(total, r.totalJ));
        Recomputed perOut = Recompute.ratio(r.totalJ, out);
        metric(checks, r, JOULES_PER_OUTPUT_TOKEN, perOut);
        metric(checks, r, ACTIVE_JOULES_PER_OUTPUT_TOKEN, Recompute.ratio(r.activeJ, out));
        metric(checks, r, JOULES_PER_REQUEST, Recompute.ratio(r.totalJ, okRequests));
        metric(checks, r, WH_PER_1000_OUTPUT_TOKENS, perOut.combine(Recomputed.of(1000 / J_PER_WH), (a, b) -> a * b));
        latency(checks, r, E2E_PREFIX, RequestRows.Request::e2eMs);
        latency(checks, r, TTFT_PREFIX, RequestRows.Request::ttftMs);
        metric(checks, r, TPOT_MS, Tokens.mean(values(r, RequestRows.Request::tpotMs)));
        counts(checks, r);
        return checks;
    }

    static Recomputed counted(double count, String problem) {
        return problem == null ? Recomputed.of(count) : Recomputed.none(problem);
    }

    private static void metric(List<Check> checks, Recompute r, String field, Recomputed recomputed) {
        checks.add(Check.of(Fields.figure(METRICS + field), r.files.reported(METRICS + field), recomputed, TOL));
    }

    private static void latency(List<Check> checks, Recompute r, String prefix,
                                Function<RequestRows.Request, Double> field) {
        List<Double> values = values(r, field);
        metric(checks, r, prefix + "mean_ms", Tokens.mean(values));
        metric(checks, r, prefix + "median_ms", Tokens.percentile(values, 50));
        metric(checks, r, prefix + "p95_ms", Tokens.percentile(values, 95));
        metric(checks, r, prefix + "p99_ms", Tokens.percentile(values, 99));
    }

    private static List<Double> values(Recompute r, Function<RequestRows.Request, Double> field) {
        return r.measuredOk.stream().map(field).filter(Objects::nonNull).toList();
    }

    /** requests.measured/ok/failed/warmup: rows of requests.jsonl by warm-up flag and status. */
    private static void counts(List<Check> checks, Recompute r) {
        List<RequestRows.Request> rows = r.files.requests().rows();
        String problem = r.files.requests().problem();
        long measured = rows.stream().filter(RequestRows.Request::measured).count();
        long warmup = rows.size() - measured;
        long ok = r.measuredOk.size();
        for (Object[] c : new Object[][] {{MEASURED, measured}, {OK, ok}, {FAILED, measured - ok}, {WARMUP, warmup}}) {
            String pointer = REQUESTS + c[0];
            checks.add(Check.of(Fields.figure(pointer), r.files.reported(pointer),
                    counted(((Long) c[1]).doubleValue(), problem), TOL));
        }
    }
}
