package io.lem.study;

import java.util.Map;
import java.util.function.Supplier;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.Slo;

/**
 * How a study is run and summarised, besides its file.
 *
 * @param slo       {@code --slo}: latency objectives for selecting the lowest-J/token point; null for none
 * @param bootstrap level, resamples and seed of every per-point CI and of the adaptive rule (MeanInterval)
 * @param predictions how to predict each point for predicted-beside-measured in study.json; null for none
 * @param hardware    the machines each point's runs ran on, by point index (study.json {@code points[].hardware}), as
 *                    an executor that runs them elsewhere knows it (lem-slurm); asked once per study.json write, since
 *                    more runs may have ended since the last; null for none
 */
public record StudyOptions(Slo slo, BootstrapOptions bootstrap, PointPredictions predictions,
                           Supplier<Map<Integer, Map<String, Object>>> hardware) {

    public static final StudyOptions DEFAULT = new StudyOptions(null, BootstrapOptions.DEFAULT, null, null);

    public StudyOptions withSlo(Slo newSlo) {
        return new StudyOptions(newSlo, bootstrap, predictions, hardware);
    }

    public StudyOptions withPredictions(PointPredictions newPredictions) {
        return new StudyOptions(slo, bootstrap, newPredictions, hardware);
    }

    public StudyOptions withHardware(Supplier<Map<Integer, Map<String, Object>>> newHardware) {
        return new StudyOptions(slo, bootstrap, predictions, newHardware);
    }
}
