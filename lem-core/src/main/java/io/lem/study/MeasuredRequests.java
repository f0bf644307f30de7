package io.lem.study;

import java.util.List;

import io.lem.analysis.Distribution;
import io.lem.analysis.RequestSpan;
import io.lem.client.RequestRecord;

/**
 * One experiment's requests as the analysis counts them: warm-up apart, and of the measured ones only those that
 * succeeded ({@code attributed}) count for tokens, latencies and attribution.
 *
 * @param spans             the attributed requests' send, first-token and end times with their tokens, for window
 *                          energy
 * @param latencyPerTokenMs per request e2e / completion tokens: the methodology's per-token latency of a request
 */
public record MeasuredRequests(List<RequestRecord> measured, List<RequestRecord> warmup,
                               List<RequestRecord> attributed, List<RequestSpan> spans, long inputTokens,
                               long outputTokens, Distribution ttftMs, Distribution tpotMs, Distribution e2eMs,
                               Distribution latencyPerTokenMs) {

    public MeasuredRequests {
        measured = List.copyOf(measured);
        warmup = List.copyOf(warmup);
        attributed = List.copyOf(attributed);
        spans = List.copyOf(spans);
    }

    static MeasuredRequests of(List<RequestRecord> records) {
        List<RequestRecord> measured = records.stream().filter(r -> !r.warmup()).toList();
        List<RequestRecord> attributed = measured.stream().filter(RequestRecord::ok).toList();
        return new MeasuredRequests(measured, records.stream().filter(RequestRecord::warmup).toList(), attributed,
                attributed.stream().map(r -> new RequestSpan(r.sendNs(), r.firstTokenNs(), r.endNs(),
                        Math.max(0, r.promptTokens()), Math.max(0, r.completionTokens()), r.chunkTimesNs())).toList(),
                attributed.stream().mapToLong(r -> Math.max(0, r.promptTokens())).sum(),
                attributed.stream().mapToLong(r -> Math.max(0, r.completionTokens())).sum(),
                // each sorted once here: result.json reads a distribution's mean, median and tails separately
                Distribution.of(attributed.stream().mapToDouble(RequestRecord::ttftMs).toArray()),
                Distribution.of(attributed.stream().mapToDouble(RequestRecord::tpotMs).toArray()),
                Distribution.of(attributed.stream().mapToDouble(RequestRecord::e2eMs).toArray()),
                Distribution.of(attributed.stream().filter(r -> r.completionTokens() > 0)
                        .mapToDouble(r -> r.e2eMs() / r.completionTokens()).toArray()));
    }

    /** Measured requests that failed. */
    public int failed() {
        return measured.size() - attributed.size();
    }
}
