package io.lem.result;

import java.util.List;
import java.util.Map;

/**
 * A typed view of lem load's summary.json: the run, its latency and throughput metrics, and (with {@code --meters})
 * its energy. Null where the file has null; the whole tree stays available through {@link SummaryJson#tree}.
 *
 * @param energy       null without {@code --meters}
 * @param verification null when written before verification ran
 */
public record SummaryFile(Run run, Metrics metrics, Energy energy, VerificationSection verification) {

    /**
     * What was run.
     *
     * @param arrival      closed, constant, poisson, gamma or trace
     * @param requestsSent warm-up and cool-down included
     */
    public record Run(String endpoint, String model, String api, boolean stream, String startedAt, String arrival,
                      Long requestsSent) {
    }

    /** One latency distribution over the measured OK requests, in ms. */
    public record Latency(long count, Double meanMs, Double medianMs, Double p90Ms, Double p95Ms, Double p99Ms) {
    }

    /**
     * The measured requests' metrics.
     *
     * @param latencies ttft, tpot, itl, e2e and lateness, by name
     */
    public record Metrics(long requests, long requestsOk, long requestsFailed, Double errorRate, Double durationS,
                          Long promptTokens, Long outputTokens, Double requestThroughputPerS,
                          Double outputThroughputTokPerS, Double totalThroughputTokPerS,
                          Map<String, Latency> latencies) {
    }

    /** The measured window's energy, in joules, and the idle baseline it is compared with. */
    public record Energy(Window window, Window baselineWindow, Double durationS, Double totalEnergyJ,
                         Double activeEnergyJ, Double activeEnergyRawJ, Double cpuEnergyJ, Double dramEnergyJ,
                         Double gpuEnergyJ, Double llmEnergyJ, Double meanPowerW, Double idlePowerW,
                         Long outputTokens, Double joulesPerOutputToken, Double activeJoulesPerOutputToken,
                         boolean estimated, Map<String, Double> energyJByDomain,
                         Map<String, Double> activeEnergyJByDomain, List<String> totalDomainIds) {
    }
}
