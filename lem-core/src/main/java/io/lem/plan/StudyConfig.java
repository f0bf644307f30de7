package io.lem.plan;

import java.util.List;

import io.lem.config.ExperimentConfig;

/**
 * A study ready to run: its plan (points, hashes, the (point, cycle) run order, execution settings). The old
 * {@code experiments:} form is a plan without a sweep and with one cycle, so both forms run the same way.
 */
public record StudyConfig(StudyPlan plan) {

    public StudyConfig {
        if (plan == null) {
            throw new IllegalArgumentException("a study needs a plan");
        }
    }

    public String studyName() {
        return plan.studyName();
    }

    /** One experiment per point, in point order ({@link ExperimentConfig#index} = {@link Point#index}). */
    public List<ExperimentConfig> experiments() {
        return plan.points().stream().map(Point::config).toList();
    }
}
