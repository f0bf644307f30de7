package io.lem.analysis.estimate;

/**
 * The figures of one device that the roofline prediction needs, with where they come from.
 *
 * @param name                 e.g. {@code H200}
 * @param kind                 {@code gpu} or {@code cpu}
 * @param powerW               the power assumed while it works: TDP or the power limit
 * @param memoryBandwidthBytesPerS peak memory bandwidth
 * @param peakFlopsPerS        dense peak at {@code computePrecision}
 * @param computePrecision     what the peak is quoted for
 * @param source               datasheet or table the figures come from
 */
public record HardwareSpec(String name, String kind, double powerW, double memoryBandwidthBytesPerS,
                           double peakFlopsPerS, String computePrecision, String source) {

    public HardwareSpec {
        for (double v : new double[] {powerW, memoryBandwidthBytesPerS, peakFlopsPerS}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException(name + ": power, bandwidth and peak must be positive");
            }
        }
    }

    /** A share of the device (a VM's vCPUs of a socket): power, peak and bandwidth scaled alike (an assumption). */
    public HardwareSpec share(double fraction, String why) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + fraction);
        }
        return new HardwareSpec(name + " (" + why + ")", kind, powerW * fraction, memoryBandwidthBytesPerS * fraction,
                peakFlopsPerS * fraction, computePrecision, source + "; scaled by " + fraction + " for " + why);
    }

    /** The same device held at a power limit instead of its TDP. */
    public HardwareSpec withPowerW(double limitW) {
        return new HardwareSpec(name, kind, limitW, memoryBandwidthBytesPerS, peakFlopsPerS, computePrecision,
                source + "; power limit " + limitW + " W given");
    }
}
