package io.lem.study;

import java.io.IOException;

/**
 * Runs one unit of work of a study: one (point, cycle) run. A unit is self-contained: given the study directory
 * and its run index ({@link StudyManifest#unit}) it can run on any machine that sees the directory, and it writes
 * only into its own directory ({@link Unit#dir}). {@link LocalExecutor} runs it in this JVM; a cluster executor
 * (issue 9, "Execution") submits the same unit elsewhere.
 */
@FunctionalInterface
public interface Executor {

    /**
     * Runs the unit and says how it ended; a failed experiment is an outcome, not an exception.
     *
     * @throws io.lem.config.ConfigException for a user mistake that would fail every unit (unknown engine type,
     *                                       missing model, unusable meters): the study stops
     */
    UnitOutcome execute(Unit unit) throws IOException;
}
