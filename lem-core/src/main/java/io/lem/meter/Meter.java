package io.lem.meter;

import java.util.List;

/**
 * An energy source read by the sampler. A meter exposes a fixed list of domains and fills one value per domain
 * on each read. Reads happen on the sampler's single thread, so implementations need not be thread-safe, and
 * they should not allocate: a read runs up to 100 times a second during a measurement.
 */
public interface Meter extends AutoCloseable {

    /** Short name used in configs and output, such as {@code rapl} or {@code process}. */
    String name();

    /** The domains this meter reports, in the order {@link #read(double[], int)} fills them. */
    List<Domain> domains();

    /**
     * Reads every domain once.
     *
     * @param into   destination array
     * @param offset index of this meter's first domain in {@code into}
     */
    void read(double[] into, int offset) throws MeterException;

    /**
     * Events worth a warning in the result, as of now: counter wraps seen, zones skipped, stale readings. Called after
     * sampling stopped.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    /** The devices this meter reads (e.g. one map per GPU: name, UUID, driver, limits), for result.json. */
    default java.util.List<java.util.Map<String, Object>> inventory() {
        return java.util.List.of();
    }

    @Override
    default void close() {
    }
}
