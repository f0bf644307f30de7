package io.lem.load;

/**
 * One scheduled request.
 *
 * @param index        position in the run, from 0
 * @param offsetNs     when to send it, nanoseconds after the run starts
 * @param portion      warm-up, measured or cool-down
 * @param inputTokens  prompt length from a replayed trace, or -1
 * @param outputTokens output length from a replayed trace, or -1
 */
public record Arrival(int index, long offsetNs, Portion portion, int inputTokens, int outputTokens) {
}
