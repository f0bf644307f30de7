package io.lem.meter;

import java.util.List;

/** Receives every sample as it is taken, on the sampler thread (for example to append it to power.csv). */
public interface SampleListener {

    void onStart(List<Domain> domains);

    void onSample(long timeNs, double[] row);

    /** A read failed; sampling goes on and the failed row is skipped. */
    default void onError(String meterName, MeterException error) {
    }
}
