package io.lem.plan;

/**
 * One unit of work of a study: cycle {@code cycle} of point {@code point}, both counted from 1.
 *
 * @param pauseBeforeS seconds to wait before this run ({@code execution.gap_s}, or {@code cycle_gap_s} where a
 *                     cycle begins; 0 for the first run)
 */
public record Run(int point, int cycle, double pauseBeforeS) {
}
