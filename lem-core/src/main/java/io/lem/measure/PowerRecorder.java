package io.lem.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.PowerTrace;
import io.lem.meter.SampleListener;
import io.lem.meter.Sampler;

/**
 * Samples already opened meters on one clock into a trace and any listeners (power.csv, a live exporter): the
 * library side of {@code lem power}. It does not own the meters, so one set of meters can be sampled by
 * consecutive recorders (an idle baseline, then the measured command) with continuous counters.
 *
 * <p>{@link #close()} may be called from another thread (a shutdown hook) and more than once: the first call takes
 * the sampler's last row and stops it, later calls return at once.
 */
public final class PowerRecorder implements AutoCloseable {

    private final Sampler sampler;
    private final Clock clock;
    private boolean closed;

    private PowerRecorder(Sampler sampler, Clock clock) {
        this.sampler = sampler;
        this.clock = clock;
    }

    /**
     * Starts sampling and returns once the first row is in the trace.
     *
     * @param intervalS sampling period in seconds, in [0.0001, 3600]
     */
    public static PowerRecorder start(List<Meter> meters, Clock clock, double intervalS,
                                      List<SampleListener> listeners) throws InterruptedException {
        if (!(intervalS >= 1e-4 && intervalS <= 3600)) {
            throw new IllegalArgumentException("sampling interval must be in [0.0001, 3600] s, was " + intervalS);
        }
        Sampler sampler = new Sampler(new ArrayList<>(meters), clock, 1 / intervalS, listeners);
        sampler.start();
        return new PowerRecorder(sampler, clock);
    }

    public PowerTrace trace() {
        return sampler.trace();
    }

    public long periodNs() {
        return sampler.periodNs();
    }

    public Clock clock() {
        return clock;
    }

    /** Failed reads per meter name. */
    public Map<String, Long> errorCounts() {
        return sampler.errorCounts();
    }

    /** Takes the last row and stops sampling; the meters stay open (their owner closes them). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            sampler.close();
        }
    }
}
