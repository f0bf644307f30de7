package io.lem.study;

import java.nio.file.Path;

import io.lem.config.ExperimentConfig;

/**
 * One (point, cycle) run of a study, everything an {@link Executor} needs.
 *
 * @param runIndex  the run's place in the manifest's run list, from 0
 * @param dir       where the run writes: {@code NNN-<slug>-<hash8>/cycle-K/} (or the point's directory itself in a
 *                  one-cycle study, the layout of studies before cycles)
 * @param timeoutS  {@code execution.experiment_timeout_s}; 0 for no limit
 */
public record Unit(String studyName, Path studyDir, int runIndex, int point, int cycle, ExperimentConfig config,
                   Path dir, double timeoutS) {
}
