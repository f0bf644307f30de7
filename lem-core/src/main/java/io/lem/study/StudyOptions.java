package io.lem.study;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.Slo;

/**
 * How a study is run and summarised, besides its file.
 *
 * @param slo       {@code --slo}: latency objectives for selecting the lowest-J/token point; null for none
 * @param bootstrap the bootstrap of every per-point CI and of the adaptive rule
 */
public record StudyOptions(Slo slo, BootstrapOptions bootstrap) {

    public static final StudyOptions DEFAULT = new StudyOptions(null, BootstrapOptions.DEFAULT);

    public StudyOptions withSlo(Slo newSlo) {
        return new StudyOptions(newSlo, bootstrap);
    }
}
