package io.lem.analysis.latency;

import java.util.List;
import java.util.stream.DoubleStream;

import io.lem.analysis.Distribution;

/** Aggregates raw request timings into a {@link LoadSummary} (late aggregation: raw records in, figures out). */
public final class LoadMetrics {

    private LoadMetrics() {
    }

    public static LoadSummary summarize(List<RequestTiming> measured, Slos slos) {
        List<RequestTiming> ok = measured.stream().filter(RequestTiming::ok).toList();
        long firstSend = measured.stream().mapToLong(RequestTiming::sendNs).min().orElse(0);
        long lastEnd = measured.stream().mapToLong(RequestTiming::endNs).max().orElse(0);
        long promptTokens = ok.stream().mapToLong(r -> Math.max(0, r.promptTokens())).sum();
        long outputTokens = ok.stream().mapToLong(r -> Math.max(0, r.outputTokens())).sum();
        boolean promptComplete = ok.stream().allMatch(r -> r.promptTokens() >= 0);
        double[] itl = ok.stream().flatMapToDouble(r -> DoubleStream.of(r.itlMs())).toArray();
        int good = (int) ok.stream().filter(slos::met).count();
        return new LoadSummary(measured.size(), measured.size() - ok.size(), (lastEnd - firstSend) / 1e9,
                promptTokens, outputTokens, promptComplete,
                Distribution.of(ok.stream().mapToDouble(RequestTiming::ttftMs).toArray()),
                Distribution.of(ok.stream().mapToDouble(RequestTiming::tpotMs).toArray()),
                Distribution.of(itl),
                Distribution.of(ok.stream().mapToDouble(RequestTiming::e2eMs).toArray()),
                Distribution.of(measured.stream().mapToDouble(RequestTiming::latenessMs).toArray()),
                slos, good);
    }
}
