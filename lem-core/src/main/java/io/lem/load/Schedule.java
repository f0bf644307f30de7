package io.lem.load;

import java.util.List;

/**
 * Send offsets computed before the run: the same process, shape and seed give the same schedule.
 *
 * @param endNs where sending stops: the stop duration, or just after the last arrival for a count
 */
public record Schedule(ArrivalProcess process, LoadShape shape, long seed, List<Arrival> arrivals, long endNs) {

    public Schedule {
        arrivals = List.copyOf(arrivals);
    }

    public int size() {
        return arrivals.size();
    }

    public long[] offsetsNs() {
        return arrivals.stream().mapToLong(Arrival::offsetNs).toArray();
    }

    public long count(Portion portion) {
        return arrivals.stream().filter(a -> a.portion() == portion).count();
    }
}
