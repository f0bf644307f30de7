package io.lem.load;

import io.lem.config.ConfigException;

/**
 * Everything about a load run except the arrival process: where it stops, which leading and trailing requests are
 * excluded from the measured window, the ramp-up and the concurrency cap.
 *
 * @param stop           stop after this many requests, or when this many seconds have elapsed
 * @param warmup         leading requests (or seconds of sends) excluded from the measured window
 * @param cooldown       trailing requests (or seconds of sends before the stop) excluded likewise
 * @param rampUpS        open loop: the rate rises linearly from 0 to the target over this many seconds (0: none)
 * @param maxConcurrency open loop: at most this many requests in flight; a due request waits for a free slot
 *                       (and its lateness says so). 0: no cap
 */
public record LoadShape(Extent stop, Extent warmup, Extent cooldown, double rampUpS, int maxConcurrency) {

    public LoadShape {
        if (stop instanceof Extent.Requests(int n) && n < 1 || stop instanceof Extent.Seconds(double s) && !(s > 0)) {
            throw new ConfigException("stop", "a run needs at least one request or a positive duration, was " + stop
                    + "; fix: give --requests N or --duration S");
        }
        if (!(rampUpS >= 0) || !Double.isFinite(rampUpS)) {
            throw new ConfigException("ramp_up_s", "must be >= 0, was " + rampUpS);
        }
        if (maxConcurrency < 0) {
            throw new ConfigException("max_concurrency", "must be >= 0 (0: no cap), was " + maxConcurrency);
        }
    }

    public static LoadShape stopAfter(Extent stop) {
        return new LoadShape(stop, Extent.NONE, Extent.NONE, 0, 0);
    }

    public LoadShape withWarmup(Extent warmup, Extent cooldown) {
        return new LoadShape(stop, warmup, cooldown, rampUpS, maxConcurrency);
    }

    public LoadShape withRampUp(double seconds) {
        return new LoadShape(stop, warmup, cooldown, seconds, maxConcurrency);
    }

    public LoadShape withMaxConcurrency(int cap) {
        return new LoadShape(stop, warmup, cooldown, rampUpS, cap);
    }
}
