package io.lem.measure;

import java.util.List;

import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.MeterStatus;

/** Opens the meters of an experiment once the engine runs (the process meter needs its pid). */
@FunctionalInterface
public interface MeterFactory {

    Opened open(List<String> names, long enginePid) throws MeterException;

    /** The opened meters and, for every known meter, whether it was used and why. */
    record Opened(List<Meter> meters, List<MeterStatus> statuses) {
        public Opened {
            meters = List.copyOf(meters);
            statuses = List.copyOf(statuses);
        }
    }
}
