package io.lem.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

/**
 * Checks on GPU time series over one window: the energy counter against integrated power (docs/methodology.md: record both
 * and the disagreement), thermal drift, and clock throttling.
 */
public final class GpuChecks {

    /** Above this, counter and integrated power disagree enough to say so. */
    static final double DISAGREEMENT_WARNING = 0.10;
    /** docs/methodology.md: thermal drift over 10 degrees C in a window is a warning. */
    static final double THERMAL_DRIFT_C = 10;
    /**
     * NVML clock-event bits that mean the GPU was slowed: SW power cap 0x4, HW slowdown 0x8, SW thermal 0x20,
     * HW thermal 0x40, HW power brake 0x80. Idle (0x1), application clocks (0x2), sync boost (0x10) and display
     * clock (0x100) are not throttling.
     */
    static final long THROTTLE_BITS = 0x4 | 0x8 | 0x20 | 0x40 | 0x80;

    private GpuChecks() {
    }

    /** One entry per GPU that has both an energy counter and a power gauge. */
    public static List<Map<String, Object>> crossCheck(PowerTrace trace, long t0, long t1, long periodNs, List<String> warnings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int d = 0; d < trace.domains().size(); d++) {
            Domain counter = trace.domains().get(d);
            if (counter.kind() != DomainKind.GPU || counter.quantity() != Quantity.ENERGY_J) {
                continue;
            }
            // instant power where the driver has it: the 1 s average lags the counter on any window that changes
            int power = trace.indexOf(counter.id() + ":power_instant_w");
            if (power < 0) {
                power = trace.indexOf(counter.id() + ":power_w");
            }
            if (power < 0) {
                continue;
            }
            double counterJ = WindowEnergy.of(trace, d, t0, t1, periodNs).energyJ();
            double integratedJ = WindowEnergy.of(trace, power, t0, t1, periodNs).energyJ();
            double disagreement = counterJ == 0 ? Double.NaN : (integratedJ - counterJ) / counterJ;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("domain", counter.id());
            row.put("counter_energy_j", counterJ);
            row.put("integrated_power_energy_j", integratedJ);
            row.put("power_gauge", trace.domains().get(power).id());
            row.put("disagreement", Double.isFinite(disagreement) ? disagreement : null);
            out.add(row);
            if (Math.abs(disagreement) > DISAGREEMENT_WARNING) {
                warnings.add(String.format(Locale.ROOT, "%s: integrated power differs from the energy counter by %.1f %%"
                        + " (the counter is used; power readings may be averaged by the driver)", counter.id(),
                        disagreement * 100));
            }
        }
        return out;
    }

    /** Thermal drift and throttling warnings from the GPU gauges inside [t0, t1]. */
    public static void gaugeWarnings(PowerTrace trace, long t0, long t1, List<String> warnings) {
        long[] times = trace.timesNs();
        for (int d = 0; d < trace.domains().size(); d++) {
            Domain domain = trace.domains().get(d);
            if (domain.quantity() != Quantity.GAUGE) {
                continue;
            }
            double[] values = trace.values(d);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            long bits = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] < t0 || times[i] > t1 || !Double.isFinite(values[i])) {
                    continue;
                }
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
                bits |= (long) values[i];
            }
            if (domain.id().endsWith("temperature_c") && max - min > THERMAL_DRIFT_C) {
                warnings.add(String.format(Locale.ROOT, "thermal drift: %s moved %.0f C in the measured window "
                        + "(%.0f to %.0f); warm up longer (measurement.warmup_thermal)", domain.id(), max - min, min, max));
            }
            if (domain.id().endsWith("throttle_reasons") && (bits & THROTTLE_BITS) != 0) {
                warnings.add(String.format(Locale.ROOT, "throttling: %s reported clock-event reasons 0x%x in the "
                        + "measured window (power cap or thermal slowdown)", domain.id(), bits & THROTTLE_BITS));
            }
        }
    }
}
