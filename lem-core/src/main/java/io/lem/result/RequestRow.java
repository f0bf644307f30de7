package io.lem.result;

import java.util.List;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;

/**
 * One requests.jsonl row: times in seconds since the run's clock anchor, latencies in ms, every chunk's time in ms
 * after the send; null where the file has null.
 *
 * @param warmup   lem run's warm-up flag; null on lem load's rows, which carry a {@link Schedule} instead
 * @param schedule lem load's portion, scheduled send and lateness; null on lem run's rows
 * @param status   {@link io.lem.client.RequestStatus#jsonName()}
 * @param engine   the engine's own counts and durations (Ollama); null for APIs that give none
 */
public record RequestRow(long id, Boolean warmup, Schedule schedule, String status, Integer httpStatus, double sendS,
                         Double firstTokenS, double endS, Long promptTokens, Long completionTokens,
                         boolean tokensApproximate, long chunks, long reasoningChunks, Double ttftMs, Double tpotMs,
                         double e2eMs, List<Double> chunkMs, EngineCounts engine, String error) {

    public static final String STATUS_OK = "ok";
    /** lem load's portion of the measured requests (the others are "warmup" and "cooldown"). */
    public static final String PORTION_MEASURED = "measured";

    public RequestRow {
        chunkMs = List.copyOf(chunkMs);
    }

    /**
     * lem load's placement of a request.
     *
     * @param portion     "warmup", "measured" or "cooldown"
     * @param scheduledS  the planned send (open loop), null in a closed loop
     * @param latenessMs  actual send minus planned send, null in a closed loop
     */
    public record Schedule(String portion, Double scheduledS, Double latenessMs) {
    }

    /** Ollama's counts and durations; null where absent. */
    public record EngineCounts(Long promptEvalCount, Long evalCount, Double promptEvalDurationMs,
                               Double evalDurationMs, Double loadDurationMs, Double totalDurationMs) {

        static EngineCounts of(EngineTimings t) {
            return t == null ? null : new EngineCounts(count(t.promptEvalCount()), count(t.evalCount()),
                    ms(t.promptEvalDurationNs()), ms(t.evalDurationNs()), ms(t.loadDurationNs()),
                    ms(t.totalDurationNs()));
        }

        private static Double ms(long ns) {
            return ns < 0 ? null : ns / 1e6;
        }
    }

    /** lem run's row of a request; {@code anchorNs} is the run's clock anchor. */
    public static RequestRow of(RequestRecord r, long anchorNs) {
        return of(r, anchorNs, r.warmup(), null);
    }

    /** lem load's row: the schedule in place of the warm-up flag. */
    public static RequestRow of(RequestRecord r, long anchorNs, Schedule schedule) {
        return of(r, anchorNs, null, schedule);
    }

    private static RequestRow of(RequestRecord r, long anchorNs, Boolean warmup, Schedule schedule) {
        long[] chunkTimes = r.chunkTimesNs();
        Double[] chunkMs = new Double[chunkTimes.length];
        for (int i = 0; i < chunkTimes.length; i++) {
            chunkMs[i] = (chunkTimes[i] - r.sendNs()) / 1e6;
        }
        return new RequestRow(r.id(), warmup, schedule, r.status().jsonName(),
                r.httpStatus() == 0 ? null : r.httpStatus(), (r.sendNs() - anchorNs) / 1e9,
                r.firstTokenNs() < 0 ? null : (r.firstTokenNs() - anchorNs) / 1e9, (r.endNs() - anchorNs) / 1e9,
                count(r.promptTokens()), count(r.completionTokens()), r.tokensApproximate(), r.chunks(),
                r.reasoningChunks(), Json.finiteOrNull(r.ttftMs()), Json.finiteOrNull(r.tpotMs()), r.e2eMs(),
                List.of(chunkMs), EngineCounts.of(r.engineTimings()), r.error());
    }

    private static Long count(int n) {
        return n < 0 ? null : (long) n;
    }

    public boolean ok() {
        return STATUS_OK.equals(status);
    }

    /** Inside the measured portion: lem run's non-warm-up rows, lem load's "measured" ones. */
    public boolean measured() {
        return schedule != null ? PORTION_MEASURED.equals(schedule.portion()) : !Boolean.TRUE.equals(warmup);
    }
}
