package io.lem.measure;

/**
 * The windows of one experiment on the run's clock (ns). The measured window runs from the first measured request
 * sent to the last measured request ended; the after window is the optional idle check for baseline drift.
 */
public record Marks(long anchorNs, long baselineStartNs, long baselineEndNs, long warmupStartNs, long warmupEndNs,
                    long measuredStartNs, long measuredEndNs, long afterStartNs, long afterEndNs) {

    public double seconds(long ns) {
        return (ns - anchorNs) / 1e9;
    }
}
