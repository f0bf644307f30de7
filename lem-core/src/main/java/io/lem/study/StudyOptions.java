package io.lem.study;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.Slo;

/**
 * How a study is run and summarised, besides its file.
 *
 * @param slo       {@code --slo}: latency objectives for selecting the lowest-J/token point; null for none
 * @param bootstrap the bootstrap of every per-point CI and of the adaptive rule
 * @param predictions how to predict each point for predicted-beside-measured in study.json; null for none
 */
public record StudyOptions(Slo slo, BootstrapOptions bootstrap, PointPredictions predictions) {

    public static final StudyOptions DEFAULT = new StudyOptions(null, BootstrapOptions.DEFAULT, null);

    public StudyOptions withSlo(Slo newSlo) {
        return new StudyOptions(newSlo, bootstrap, predictions);
    }

    public StudyOptions withPredictions(PointPredictions newPredictions) {
        return new StudyOptions(slo, bootstrap, newPredictions);
    }
}
