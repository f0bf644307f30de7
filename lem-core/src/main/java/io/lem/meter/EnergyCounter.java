package io.lem.meter;

/**
 * Unwraps one wrapping hardware energy counter (a RAPL {@code energy_uj}) into a cumulative count since the first
 * reading. Every counter gets its own instance: zones wrap at different moments.
 *
 * <p>The counter runs over {@code [0, maxRangeUj]} inclusive, so one wrap adds {@code maxRangeUj + 1}: for a raw
 * reading {@code now < previous}, the increment is {@code now + (maxRangeUj + 1) - previous}. This matches Alumet's
 * powercap test (dram 212143328850 → 908522 with range 262143328850 gives 50000.908523 J). A counter that wraps
 * twice between two reads cannot be detected; sample faster than the shortest wrap time (minutes at full power).
 */
public final class EnergyCounter {

    private final long maxRangeUj;
    private long previousRawUj;
    private long cumulativeUj;
    private long wraps;

    public EnergyCounter(long firstRawUj, long maxRangeUj) {
        if (maxRangeUj <= 0) {
            throw new IllegalArgumentException("max_energy_range_uj must be positive, was " + maxRangeUj);
        }
        this.maxRangeUj = maxRangeUj;
        this.previousRawUj = firstRawUj;
    }

    /** Feeds a new raw reading and returns the microjoules accumulated since the first reading. */
    public long update(long rawUj) {
        long delta = rawUj - previousRawUj;
        if (delta < 0) {
            delta += maxRangeUj + 1;
            wraps++;
        }
        cumulativeUj += delta;
        previousRawUj = rawUj;
        return cumulativeUj;
    }

    public long cumulativeUj() {
        return cumulativeUj;
    }

    /** How many wraps were unwrapped; a non-zero count goes into the result's warnings ("counter wrap observed"). */
    public long wraps() {
        return wraps;
    }
}
