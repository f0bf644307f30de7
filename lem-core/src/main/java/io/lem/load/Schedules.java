package io.lem.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.lem.config.ConfigException;

/** Turns an open-loop or replayed arrival process into a {@link Schedule}. */
public final class Schedules {

    /** A schedule is held in memory; beyond this the run is almost surely a typo in --rate or --duration. */
    static final int MAX_ARRIVALS = 10_000_000;

    private Schedules() {
    }

    public static Schedule build(ArrivalProcess process, LoadShape shape, long seed) {
        List<long[]> timed = switch (process) {
            case ArrivalProcess.Open open -> open(open, shape, seed);
            case ArrivalProcess.TraceReplay trace -> replay(trace, shape);
            case ArrivalProcess.Closed closed -> throw new ConfigException("arrival", "closed loop (concurrency "
                    + closed.concurrency() + ") sends as slots free up and has no schedule; fix: pass no schedule (null)"
                    + " to Loads.run");
        };
        long endNs = shape.stop() instanceof Extent.Seconds s ? s.nanos() : timed.getLast()[0] + 1;
        int total = shape.stop() instanceof Extent.Requests(int n) ? n : timed.size();
        PortionRule rule = new PortionRule(shape.warmup(), shape.cooldown(), total, endNs);
        List<Arrival> arrivals = new ArrayList<>(timed.size());
        for (int i = 0; i < timed.size(); i++) {
            long[] t = timed.get(i);
            arrivals.add(new Arrival(i, t[0], rule.classify(i, t[0]), (int) t[1], (int) t[2]));
        }
        return new Schedule(process, shape, seed, arrivals, endNs);
    }

    private static List<long[]> open(ArrivalProcess.Open process, LoadShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double rampS = shape.rampUpS();
        List<long[]> timed = new ArrayList<>();
        double fullRateS = 0; // arrivals are drawn on a full-rate time axis, then mapped through the ramp
        while (true) {
            long offsetNs = Math.round(rampedS(fullRateS, rampS) * 1e9);
            boolean done = switch (shape.stop()) {
                case Extent.Requests(int n) -> timed.size() >= n;
                case Extent.Seconds s -> offsetNs >= s.nanos();
            };
            if (done) {
                break;
            }
            if (timed.size() >= MAX_ARRIVALS) {
                throw new ConfigException("rate", process.rps() + " requests/s for " + shape.stop() + " exceeds "
                        + MAX_ARRIVALS + " requests; fix: lower --rate or --duration");
            }
            timed.add(new long[] {offsetNs, -1, -1});
            fullRateS += InterArrivals.nextGapS(process, random);
        }
        if (timed.isEmpty()) {
            throw new ConfigException("duration", "no request falls inside " + shape.stop() + "; fix: run longer");
        }
        return timed;
    }

    /**
     * A linear ramp λ(t) = λ·t/R for t < R has cumulative intensity λ·t²/(2R); mapping full-rate time u back
     * through it (t = √(2Ru) for u < R/2, else u + R/2) keeps each process's gap distribution while the rate
     * rises, so a ramped gamma process stays exactly as bursty.
     */
    static double rampedS(double fullRateS, double rampS) {
        if (rampS <= 0) {
            return fullRateS;
        }
        return fullRateS < rampS / 2 ? Math.sqrt(2 * rampS * fullRateS) : fullRateS + rampS / 2;
    }

    private static List<long[]> replay(ArrivalProcess.TraceReplay trace, LoadShape shape) {
        if (shape.rampUpS() > 0) {
            throw new ConfigException("ramp_up_s", "a replayed trace keeps its own timing; fix: drop the ramp-up");
        }
        List<long[]> timed = new ArrayList<>();
        for (ArrivalProcess.TraceRow row : trace.rows()) {
            boolean done = switch (shape.stop()) {
                case Extent.Requests(int n) -> timed.size() >= n;
                case Extent.Seconds s -> row.offsetNs() >= s.nanos();
            };
            if (done) {
                break;
            }
            timed.add(new long[] {row.offsetNs(), row.inputTokens(), row.outputTokens()});
        }
        if (shape.stop() instanceof Extent.Requests(int n) && timed.size() < n) {
            throw new ConfigException("requests", n + " requests asked but the trace has only " + trace.rows().size()
                    + " rows; fix: ask for at most " + trace.rows().size() + " or stop by duration");
        }
        if (timed.isEmpty()) {
            throw new ConfigException("duration", "no trace row falls inside " + shape.stop() + "; fix: run longer");
        }
        return timed;
    }
}
