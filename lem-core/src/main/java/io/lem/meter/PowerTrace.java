package io.lem.meter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import io.lem.time.Clock;

/**
 * The samples of a run, column by column: one time axis (monotonic ns from the run's {@link Clock}) and one value
 * column per domain. Appended by the sampler thread, read by analysis after the sampler stopped, or through
 * {@link #snapshot()} while it runs.
 */
public final class PowerTrace {

    private final List<Domain> domains;
    private long[] timesNs;
    private double[][] values;
    private int size;

    public PowerTrace(List<Domain> domains) {
        this(domains, 1024);
    }

    public PowerTrace(List<Domain> domains, int initialCapacity) {
        this.domains = List.copyOf(domains);
        this.timesNs = new long[Math.max(16, initialCapacity)];
        this.values = new double[this.domains.size()][timesNs.length];
    }

    /** Builds a trace from complete columns (analysis and tests). */
    public static PowerTrace of(List<Domain> domains, long[] timesNs, double[]... columns) {
        if (columns.length != domains.size()) {
            throw new IllegalArgumentException(columns.length + " columns for " + domains.size() + " domains");
        }
        PowerTrace trace = new PowerTrace(domains, timesNs.length);
        double[] row = new double[domains.size()];
        for (int i = 0; i < timesNs.length; i++) {
            for (int d = 0; d < columns.length; d++) {
                row[d] = columns[d][i];
            }
            trace.append(timesNs[i], row);
        }
        return trace;
    }

    public synchronized void append(long timeNs, double[] row) {
        Objects.checkIndex(domains.size() - 1, row.length);
        if (size > 0 && timeNs < timesNs[size - 1]) {
            throw new IllegalArgumentException("samples must be appended in time order");
        }
        if (size == timesNs.length) {
            int capacity = timesNs.length * 2;
            timesNs = Arrays.copyOf(timesNs, capacity);
            for (int d = 0; d < values.length; d++) {
                values[d] = Arrays.copyOf(values[d], capacity);
            }
        }
        timesNs[size] = timeNs;
        for (int d = 0; d < values.length; d++) {
            values[d][size] = row[d];
        }
        size++;
    }

    public List<Domain> domains() {
        return domains;
    }

    public synchronized int size() {
        return size;
    }

    /** Index of the domain with this id, or -1. */
    public int indexOf(String domainId) {
        for (int d = 0; d < domains.size(); d++) {
            if (domains.get(d).id().equals(domainId)) {
                return d;
            }
        }
        return -1;
    }

    /** A consistent copy of the time column. */
    public synchronized long[] timesNs() {
        return Arrays.copyOf(timesNs, size);
    }

    /** A consistent copy of one domain's values. */
    public synchronized double[] values(int domainIndex) {
        return Arrays.copyOf(values[domainIndex], size);
    }

    /** An immutable-in-practice copy safe to analyse while sampling goes on. */
    public synchronized PowerTrace snapshot() {
        PowerTrace copy = new PowerTrace(domains, size);
        copy.timesNs = Arrays.copyOf(timesNs, Math.max(16, size));
        for (int d = 0; d < values.length; d++) {
            copy.values[d] = Arrays.copyOf(values[d], Math.max(16, size));
        }
        copy.size = size;
        return copy;
    }
}
