package io.lem.meter;

import java.util.List;
import java.util.Optional;

/**
 * The meters opened for a run, and one status per known meter saying whether it was used and why. Closing the
 * selection closes its meters.
 */
public record MeterSelection(List<Meter> meters, List<MeterStatus> statuses) implements AutoCloseable {

    public MeterSelection {
        meters = List.copyOf(meters);
        statuses = List.copyOf(statuses);
    }

    public Optional<MeterStatus> status(String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** All domains of the opened meters, in sampling order. */
    public List<Domain> domains() {
        return meters.stream().flatMap(m -> m.domains().stream()).toList();
    }

    @Override
    public void close() {
        meters.forEach(Meter::close);
    }
}
