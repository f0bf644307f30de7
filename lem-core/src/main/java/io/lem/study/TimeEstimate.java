package io.lem.study;

import java.time.Duration;

import io.lem.config.ExperimentConfig;
import io.lem.plan.DryRun;
import io.lem.plan.Point;

/**
 * The dry run's per-run estimate, from the workload's size and documented rates: engine start, the idle baselines,
 * the warm-up (its requests, or its minimum duration if longer), then every request's prompt at
 * {@value #PROMPT_TOKENS_PER_S} tokens/s and its output at {@value #OUTPUT_TOKENS_PER_S} tokens/s. The rates are
 * the embedded engine's as measured on a 2-core CPU (~110M-parameter model, 45-53 output tokens/s in total
 * whatever the slots), so the estimate is an upper bound on faster machines; it is a plan, not a measurement.
 */
public final class TimeEstimate implements DryRun.RunEstimate {

    /** Seconds from launch to a healthy engine, model load included (tiny/small synthetic models here). */
    public static final double ENGINE_START_S = 5;
    /** Prefill throughput assumed for the estimate. */
    public static final double PROMPT_TOKENS_PER_S = 500;
    /** Decode throughput assumed for the estimate, all slots together. */
    public static final double OUTPUT_TOKENS_PER_S = 50;

    @Override
    public Duration estimate(Point point) {
        ExperimentConfig c = point.config();
        double perRequestS = c.workload().inputTokens() / PROMPT_TOKENS_PER_S
                + c.workload().maxOutputTokens() / OUTPUT_TOKENS_PER_S;
        double warmupS = Math.max(c.measurement().warmupRequests() * perRequestS,
                c.measurement().warmup().durationS());
        double seconds = ENGINE_START_S + c.measurement().baselineS() + c.measurement().baselineAfterS() + warmupS
                + c.workload().requests() * perRequestS;
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
