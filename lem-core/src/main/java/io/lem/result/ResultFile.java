package io.lem.result;

import java.util.List;
import java.util.Map;

/**
 * A typed view of an experiment's result.json: the sections report, export, compare and verify read. Null where the
 * file has null (a figure not computable on that setup) or lacks the section. The whole tree stays available through
 * {@link ResultJson#tree} for anything not typed here.
 *
 * @param verification  null when result.json was written before its figures were verified
 * @param loadGenerator null when result.json was written before the generator's cost was recorded
 * @param carbon        null when result.json was written before runs had a carbon section
 * @param gpuPowerLimit null when lem left the GPUs' power limits alone (no gpu.power_limit_w)
 */
public record ResultFile(int schemaVersion, String studyName, Experiment experiment, Methods methods,
                         Timeline timeline, Baseline baseline, Energy energy, SteadyState steadyState,
                         Metrics metrics, Requests requests, List<String> warnings, VerificationSection verification,
                         LoadGenerator loadGenerator, Carbon carbon, GpuPowerLimit gpuPowerLimit) {

    /** The power limit lem set on the engine's GPUs for this run ({@code gpu.power_limit_w}), and restored after. */
    public record GpuPowerLimit(Double requestedW, List<Gpu> gpus) {

        /** One GPU: the limit applied, the one it had before (put back after), its default and allowed range. */
        public record Gpu(int index, String domain, Double appliedW, Double previousW, Double defaultW, Double minW,
                          Double maxW) {
        }
    }

    /**
     * CO2 and water of the measured window's energy; every figure null without an intensity ({@code intensityLabel}
     * says so). 0 g is a zero-carbon grid.
     */
    public record Carbon(Double intensityGPerKwh, String intensitySource, String intensityLabel, Double pue,
                         Double wueLPerKwh, Double co2G, Double waterL, Double activeCo2G, Double activeWaterL,
                         Double co2GPerRequest, Double waterLPerRequest, Double co2GPer1kOutputTokens,
                         Double waterLPer1kOutputTokens) {
    }

    /** Which experiment: its place in the study and its resolved config, with the config's hash. */
    public record Experiment(int index, String slug, String configHash, Map<String, Object> config) {
    }

    /** A measured domain's meter and how it was read. */
    public record Domain(String id, String kind, String method, boolean estimated, String source) {
    }

    /** How the energy was measured: the domains and which of them make up each sum. */
    public record Methods(List<Domain> domains, Double sampleRateHz, List<String> totalDomainIds,
                          List<String> cpuDomainIds, List<String> dramDomainIds, List<String> gpuDomainIds,
                          List<String> llmDomainIds, boolean totalEstimated) {
    }

    /** The run's windows; {@code steadyState} and {@code after} are null when there is none. */
    public record Timeline(String wallClockAnchor, Window baseline, Window warmup, Window measured,
                           Window steadyState, Window after, String warmupStoppedBecause) {
    }

    /** Idle power before the load (and after it, for the drift check). */
    public record Baseline(Double durationS, Double powerW, Map<String, Double> powerWByDomain,
                           Double afterDurationS, Double afterPowerW, Double drift) {
    }

    /** The measured window's energy, in joules. */
    public record Energy(Double totalEnergyJ, Double activeEnergyJ, Double activeEnergyRawJ, Double cpuEnergyJ,
                         Double dramEnergyJ, Double gpuEnergyJ, Double llmEnergyJ, boolean estimated,
                         boolean llmEnergyEstimated, Map<String, Double> energyJByDomain,
                         Map<String, Double> activeEnergyJByDomain) {
    }

    /** The steady-state window's figures; all null when the run has no steady state. */
    public record SteadyState(String rule, Double durationS, Double totalEnergyJ, Double activeEnergyJ,
                              Double activeEnergyRawJ, Double outputTokens, Double joulesPerOutputToken,
                              Double activeJoulesPerOutputToken, Double tokensPerSecond) {
    }

    /**
     * The methodology's metrics over the measured window, every one by its result.json name ({@link ResultFields}),
     * in file order; null when not computable.
     */
    public record Metrics(Map<String, Double> byName, String flopsMethod, String flopsConfidence) {

        public Double get(String name) {
            return byName.get(name);
        }

        public Double joulesPerOutputToken() {
            return byName.get(ResultFields.JOULES_PER_OUTPUT_TOKEN);
        }

        public Double tokensPerSecond() {
            return byName.get(ResultFields.TOKENS_PER_SECOND);
        }

        public Double totalEnergyJ() {
            return byName.get(ResultFields.TOTAL_ENERGY_J);
        }

        /** FLOP per joule of the measured window's energy; null without FLOPs. */
        public Double flopsPerJoule() {
            return byName.get(ResultFields.FLOPS_PER_JOULE);
        }

        public Double flopsPerOutputToken() {
            return byName.get(ResultFields.FLOPS_PER_OUTPUT_TOKEN);
        }

        /** Σ prefill + decode FLOPs of the measured ok requests; null without the model's architecture. */
        public Double flopsTotal() {
            return byName.get(ResultFields.FLOPS_TOTAL);
        }
    }

    /** Request counts of the experiment. */
    public record Requests(long measured, long ok, long failed, long warmup, Double errorRate) {
    }

    /**
     * What generating the load cost: the lem process's CPU time over warm-up and measured load, and that time's
     * energy as estimated from the CPU's power model ({@code energyEstimated} is always true: never measured).
     */
    public record LoadGenerator(String engine, Double cpuS, Double wallS, long requests, Double cpuUsPerRequest,
                                Double estimatedEnergyJ, boolean energyEstimated, String energyMethod) {
    }
}
