package io.lem.verify;

import java.util.Arrays;
import java.util.List;

import io.lem.result.DoubleList;

/** Token counts and latency statistics from requests.jsonl rows. */
final class Tokens {

    private Tokens() {
    }

    /**
     * Output tokens emitted inside [start, end): each streamed chunk carries completion_tokens / chunks at its arrival
     * (send_s + chunk_ms / 1000); a request without chunk times spreads its tokens evenly over [first token, end].
     */
    static double emittedIn(List<RequestRows.Request> requests, Window w) {
        double tokens = 0;
        for (RequestRows.Request q : requests) {
            if (!q.chunkMs().isEmpty() && q.sendS() != null) {
                double perChunk = (double) q.completionTokens() / q.chunkMs().size();
                for (double ms : q.chunkMs()) {
                    double t = q.sendS() + ms / 1000;
                    if (t >= w.startS() && t < w.endS()) {
                        tokens += perChunk;
                    }
                }
            } else if (q.firstTokenS() != null && q.endS() != null) {
                double a = q.firstTokenS();
                double b = q.endS();
                if (b > a) {
                    double overlap = Math.max(0, Math.min(b, w.endS()) - Math.max(a, w.startS()));
                    tokens += q.completionTokens() * overlap / (b - a);
                } else if (a >= w.startS() && a < w.endS()) {
                    tokens += q.completionTokens();
                }
            }
        }
        return tokens;
    }

    /** The p-th percentile (0..100): linear interpolation at rank (n − 1)·p/100 of the sorted values. */
    static Recomputed percentile(List<Double> values, double p) {
        return percentile(sorted(values), p);
    }

    /** The values in ascending order, for {@link #percentile(double[], double)} to read several percentiles off. */
    static double[] sorted(List<Double> values) {
        double[] sorted = DoubleList.toArray(values);
        Arrays.sort(sorted);
        return sorted;
    }

    /** As {@link #percentile(List, double)}, of values already sorted. */
    static Recomputed percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Recomputed.none("no measured ok request with this latency");
        }
        double rank = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return Recomputed.of(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo));
    }

    /** The sample standard deviation (n − 1 in the denominator; 0 for one value). */
    static Recomputed std(List<Double> values) {
        if (values.isEmpty()) {
            return Recomputed.none("no measured ok request with this latency");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Recomputed.of(values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0);
    }

    static Recomputed mean(List<Double> values) {
        if (values.isEmpty()) {
            return Recomputed.none("no measured ok request with this latency");
        }
        return Recomputed.of(values.stream().mapToDouble(Double::doubleValue).sum() / values.size());
    }
}
