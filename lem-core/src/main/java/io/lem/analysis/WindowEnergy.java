package io.lem.analysis;

import io.lem.meter.Domain;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Energy of one domain over a window [t0, t1] of a trace (docs/methodology.md, "Energy of a window").
 *
 * <ul>
 *   <li>{@link Quantity#ENERGY_J} (unwrapped counters): the cumulative value is interpolated linearly at t0 and t1
 *       between the neighbouring samples, E = C(t1) − C(t0). Exact when power is constant between samples.</li>
 *   <li>{@link Quantity#POWER_W}: trapezoidal integration of the samples inside the window, both edges
 *       interpolated. Exact when power is linear between samples.</li>
 *   <li>{@link Quantity#GAUGE}: integrated like power (the caller decides whether the integral means anything: it
 *       does for a second power reading such as {@code gpu0:power_w}).</li>
 * </ul>
 * A window reaching outside the trace is clamped to it, with a warning saying how much was not measured. Warnings
 * also flag a largest gap (between the samples that bracket the window) over 2× the expected period, and fewer than
 * {@value #MIN_SAMPLES} samples inside the window.
 *
 * @param energyJ  energy over the (clamped) window; 0 when the window and the trace do not overlap
 * @param samples  samples with t0 ≤ t ≤ t1
 * @param maxGapS  largest interval between consecutive samples that overlaps the window
 * @param warnings human-readable, one per problem
 */
public record WindowEnergy(double energyJ, int samples, double maxGapS, List<String> warnings) {

    public static final int MIN_SAMPLES = 10;

    public WindowEnergy {
        warnings = List.copyOf(warnings);
    }

    public static WindowEnergy of(PowerTrace trace, int domainIndex, long t0Ns, long t1Ns, long expectedPeriodNs) {
        if (t1Ns < t0Ns) {
            throw new IllegalArgumentException("window ends before it starts: [" + t0Ns + ", " + t1Ns + "] ns");
        }
        Domain domain = trace.domains().get(domainIndex);
        long[] t = trace.timesNs();
        double[] v = trace.values(domainIndex);
        List<String> warnings = new ArrayList<>();
        if (t.length < 2) {
            warnings.add(domain.id() + ": " + t.length + " sample(s) in the whole trace, no energy can be computed");
            return new WindowEnergy(0, t.length, Double.NaN, warnings);
        }
        long a = Math.max(t0Ns, t[0]);
        long b = Math.min(t1Ns, t[t.length - 1]);
        if (a > t0Ns) {
            warnings.add(String.format(Locale.ROOT, "%s: window starts %.3f s before the first sample: clamped,"
                    + " that part is not measured", domain.id(), (a - t0Ns) / 1e9));
        }
        if (b < t1Ns) {
            warnings.add(String.format(Locale.ROOT, "%s: window ends %.3f s after the last sample: clamped,"
                    + " that part is not measured", domain.id(), (t1Ns - b) / 1e9));
        }
        if (a >= b) {
            warnings.add(domain.id() + ": window does not overlap the trace");
            return new WindowEnergy(0, 0, Double.NaN, warnings);
        }
        int lo = floorIndex(t, a);        // last sample at or before a
        int hi = ceilIndex(t, b);         // first sample at or after b
        long maxGapNs = 0;
        for (int i = lo; i < hi; i++) {
            maxGapNs = Math.max(maxGapNs, t[i + 1] - t[i]);
        }
        int samples = 0;
        for (int i = lo; i <= hi; i++) {
            if (t[i] >= a && t[i] <= b) {
                samples++;
            }
        }
        double energy = domain.quantity() == Quantity.ENERGY_J
                ? counter(t, v, lo, b, a)
                : trapezoid(t, v, lo, hi, a, b);
        if (maxGapNs > 2 * expectedPeriodNs) {
            warnings.add(String.format(Locale.ROOT, "%s: largest gap between samples %.3f s exceeds 2 x the"
                    + " sampling period (%.3f s)", domain.id(), maxGapNs / 1e9, expectedPeriodNs / 1e9));
        }
        if (samples < MIN_SAMPLES) {
            warnings.add(domain.id() + ": only " + samples + " samples in the window (fewer than " + MIN_SAMPLES
                    + "): sample faster or measure a longer window");
        }
        return new WindowEnergy(energy, samples, maxGapNs / 1e9, warnings);
    }

    /** The energy of several domains over one window, keyed by domain id (input for {@link EnergyTotals#sum}). */
    public static Map<String, WindowEnergy> ofDomains(PowerTrace trace, List<String> domainIds, long t0Ns, long t1Ns,
                                                      long expectedPeriodNs) {
        Map<String, WindowEnergy> out = new LinkedHashMap<>();
        for (String id : domainIds) {
            int index = trace.indexOf(id);
            if (index < 0) {
                throw new IllegalArgumentException("no domain '" + id + "' in the trace; have "
                        + trace.domains().stream().map(Domain::id).toList());
            }
            out.put(id, of(trace, index, t0Ns, t1Ns, expectedPeriodNs));
        }
        return out;
    }

    /** Energies only, for {@link EnergyTotals#sum}. */
    public static Map<String, Double> energiesJ(Map<String, WindowEnergy> windows) {
        Map<String, Double> out = new LinkedHashMap<>();
        windows.forEach((id, w) -> out.put(id, w.energyJ()));
        return out;
    }

    /** The window's duration once clamped to the trace, in seconds (0 when they do not overlap). */
    public static double clampedDurationS(PowerTrace trace, long t0Ns, long t1Ns) {
        long[] t = trace.timesNs();
        if (t.length == 0) {
            return 0;
        }
        return Math.max(0, Math.min(t1Ns, t[t.length - 1]) - Math.max(t0Ns, t[0])) / 1e9;
    }

    private static double counter(long[] t, double[] v, int lo, long b, long a) {
        return interpolate(t, v, floorIndex(t, b), b) - interpolate(t, v, lo, a);
    }

    /** Linear interpolation at x between sample i and i + 1 (or the sample itself at the end). */
    private static double interpolate(long[] t, double[] v, int i, long x) {
        if (i >= t.length - 1 || t[i + 1] == t[i]) {
            return v[Math.min(i + 1, t.length - 1)];
        }
        double f = (x - t[i]) / (double) (t[i + 1] - t[i]);
        return v[i] + (v[i + 1] - v[i]) * f;
    }

    private static double trapezoid(long[] t, double[] v, int lo, int hi, long a, long b) {
        double sum = 0;
        long prevT = a;
        double prevV = interpolate(t, v, lo, a);
        for (int i = lo + 1; i <= hi; i++) {
            long x = Math.min(t[i], b);
            double y = t[i] <= b ? v[i] : interpolate(t, v, i - 1, b);
            sum += (x - prevT) / 1e9 * (prevV + y) / 2;
            prevT = x;
            prevV = y;
            if (x == b) {
                break;
            }
        }
        return sum;
    }

    private static int floorIndex(long[] t, long x) {
        int lo = 0;
        int hi = t.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (t[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int ceilIndex(long[] t, long x) {
        int lo = 0;
        int hi = t.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] >= x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
