package io.lem.study;

import java.util.Locale;

import io.lem.config.ExperimentConfig;
import io.lem.plan.StudyPlan;

/**
 * Where a study's runs live inside its directory: {@code NNN-<slug>-<hash8>/} per point, {@code cycle-K/} below it
 * when the study can have more than one cycle (a one-cycle study keeps the older layout, the point's directory itself).
 * The names are part of the results format: readers of old directories depend on them.
 */
final class StudyLayout {

    private StudyLayout() {
    }

    static String pointDir(ExperimentConfig config) {
        return String.format(Locale.ROOT, "%03d-%s-%s", config.index(), config.slug(), config.hash8());
    }

    /** A run's directory relative to the study directory. */
    static String runDir(StudyPlan plan, int point, int cycle) {
        String dir = pointDir(plan.point(point).config());
        return plan.execution().repetitions().maxCycles() == 1 ? dir : dir + "/cycle-" + cycle;
    }
}
