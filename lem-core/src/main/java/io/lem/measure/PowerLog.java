package io.lem.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterSelection;
import io.lem.result.PowerCsvWriter;
import io.lem.analysis.PowerSummary;

/**
 * The inference energy protocol's log-power: every meter sampled into a wide CSV (the power.csv format), one row
 * per sample as it goes, until the caller's stop; then the mean power per domain and the total's energy.
 */
public final class PowerLog {

    /** Waits until the log should end; true when it ended early (a signal), false when its duration ran out. */
    @FunctionalInterface
    public interface Stop {
        boolean await() throws InterruptedException;
    }

    /**
     * @param summary      the whole log's figures
     * @param meters       the meters sampled, by name
     * @param stoppedEarly ended by a signal rather than by its duration
     */
    public record Result(PowerSummary summary, Path file, List<String> meters, boolean stoppedEarly) {
        public Result {
            meters = List.copyOf(meters);
        }
    }

    private PowerLog() {
    }

    public static Result run(MeterSelection selection, Clock clock, double intervalS, Path csvFile, Stop stop)
            throws IOException, InterruptedException {
        PowerRecorder recorder;
        boolean early;
        try (PowerCsvWriter csv = new PowerCsvWriter(csvFile, clock.nanoTime())) {
            recorder = PowerRecorder.start(selection.meters(), clock, intervalS, List.of(csv));
            try {
                early = stop.await();
            } finally {
                recorder.close();
            }
        }
        long[] t = recorder.trace().timesNs();
        PowerSummary summary = PowerSummary.of(recorder.trace(), t[0], t[t.length - 1], recorder.periodNs(), Map.of());
        return new Result(summary, csvFile, selection.meters().stream().map(Meter::name).toList(), early);
    }
}
