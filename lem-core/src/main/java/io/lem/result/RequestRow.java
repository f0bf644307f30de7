package io.lem.result;

import java.util.List;

/**
 * One requests.jsonl row: times in seconds since the run's clock anchor, latencies in ms, every chunk's time in ms
 * after the send; null where the file has null.
 *
 * @param warmup   lem run's warm-up flag; null on lem load's rows, which carry a {@link Schedule} instead
 * @param schedule lem load's portion, scheduled send and lateness; null on lem run's rows
 * @param status   ok, http_error, connection_error, timeout or protocol_error
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
        chunkMs = DoubleList.copyOf(chunkMs);
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
    }

    public boolean ok() {
        return STATUS_OK.equals(status);
    }

    /** Inside the measured portion: lem run's non-warm-up rows, lem load's "measured" ones. */
    public boolean measured() {
        return schedule != null ? PORTION_MEASURED.equals(schedule.portion()) : !Boolean.TRUE.equals(warmup);
    }
}
