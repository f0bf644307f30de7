package io.lem.bench;

/**
 * One JMH result as a sampling cost: time per sample (with JMH's 99.9 % confidence half-width) and allocation per
 * sample.
 *
 * @param label      benchmark and parameters, e.g. {@code sampleRow meters=all}
 * @param costUs     mean time per sample in microseconds
 * @param errorUs    JMH's 99.9 % confidence half-width, NaN with fewer than two iterations
 * @param allocBytes {@code gc.alloc.rate.norm}, NaN when the gc profiler did not run
 */
record SampleCost(String label, double costUs, double errorUs, double allocBytes) {

    /** Target of issue 3: sampling may take at most this share of one core at 100 Hz. */
    static final double TARGET_CORE_PCT_AT_100_HZ = 0.5;

    /** Percent of one core spent sampling at {@code rateHz}: µs per sample × samples per second. */
    double corePct(double rateHz) {
        return costUs * rateHz / 1e6 * 100;
    }

    double corePctError(double rateHz) {
        return errorUs * rateHz / 1e6 * 100;
    }

    /** The cost of doing both per sample; independent errors add in quadrature. */
    SampleCost plus(SampleCost other, String sumLabel) {
        return new SampleCost(sumLabel, costUs + other.costUs, Math.hypot(errorUs, other.errorUs),
                allocBytes + other.allocBytes);
    }
}
