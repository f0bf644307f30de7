package io.lem.analysis;

import io.lem.meter.PowerTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy of one request's phases from its marks (docs/methodology.md, "Phases"): prefill = E[start, split] (time to first
 * token energy: includes queueing), decode = E[split, end], and the closure error E[start, end] − (prefill + decode),
 * which is ~0 with one trace and is reported as a check.
 */
public record PhaseEnergy(double prefillEnergyJ, double decodeEnergyJ, double totalEnergyJ, double closureErrorJ,
                          List<String> warnings) {

    public PhaseEnergy {
        warnings = List.copyOf(warnings);
    }

    public static PhaseEnergy of(PowerTrace trace, int domainIndex, long startNs, long splitNs, long endNs,
                                 long expectedPeriodNs) {
        if (!(startNs <= splitNs && splitNs <= endNs)) {
            throw new IllegalArgumentException("marks out of order: start " + startNs + ", first token " + splitNs
                    + ", end " + endNs + " ns");
        }
        WindowEnergy prefill = WindowEnergy.of(trace, domainIndex, startNs, splitNs, expectedPeriodNs);
        WindowEnergy decode = WindowEnergy.of(trace, domainIndex, splitNs, endNs, expectedPeriodNs);
        WindowEnergy total = WindowEnergy.of(trace, domainIndex, startNs, endNs, expectedPeriodNs);
        List<String> warnings = new ArrayList<>();
        prefill.warnings().forEach(w -> warnings.add("prefill: " + w));
        decode.warnings().forEach(w -> warnings.add("decode: " + w));
        return new PhaseEnergy(prefill.energyJ(), decode.energyJ(), total.energyJ(),
                total.energyJ() - (prefill.energyJ() + decode.energyJ()), warnings);
    }
}
