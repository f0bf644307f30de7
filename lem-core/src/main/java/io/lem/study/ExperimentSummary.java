package io.lem.study;

import java.nio.file.Path;
import java.util.List;

/**
 * The headline figures of one experiment, for tables and the API. Everything here is also in result.json.
 *
 * @param energyScope      what {@code totalEnergyJ} covers, e.g. "host: cpu-package0 + dram0" or
 *                         "engine process tree (estimate)"
 * @param engineJoulesPerOutputToken energy attributed to the engine's process tree (E_llm) per output token
 * @param estimated        true when the total comes (in part) from a model, not a counter
 * @param llmEstimated     true when E_llm (the engine column) comes from a model
 */
public record ExperimentSummary(int index, String slug, String configHash, Path dir, int parallel, int concurrency,
                                int requestsOk, int requestsFailed, long outputTokens, double durationS,
                                double totalEnergyJ, double activeEnergyJ, double joulesPerOutputToken,
                                double activeJoulesPerOutputToken, double engineJoulesPerOutputToken,
                                double outputTokensPerS, double ttftMedianMs,
                                double e2eMedianMs, double baselinePowerW, String meter, String energyScope,
                                boolean estimated, boolean llmEstimated, List<String> warnings) {

    public ExperimentSummary {
        warnings = List.copyOf(warnings);
    }
}
