package io.lem.config;

import java.util.List;

/** A named list of resolved experiments, run one after another, each in a fresh engine process. */
public record StudyConfig(String studyName, List<ExperimentConfig> experiments) {

    public StudyConfig {
        if (studyName == null || !studyName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("study_name", "'" + studyName + "' is not a valid name; fix: use 1-64 letters, "
                    + "digits, '.', '_' or '-'");
        }
        if (experiments.isEmpty()) {
            throw new ConfigException("experiments", "the study has no experiments; fix: list at least one, or leave "
                    + "the list out to run the base config once");
        }
        experiments = List.copyOf(experiments);
    }
}
