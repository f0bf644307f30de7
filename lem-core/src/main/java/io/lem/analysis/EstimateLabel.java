package io.lem.analysis;

import java.util.List;
import java.util.Optional;

import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;

/**
 * The words that go with an estimated figure wherever it is shown: which domains of the total are modelled and from
 * what, which are measured, that a CPU-time model has no idle term (so an estimated total is dynamic power only),
 * and the model's measured error. Derived from the domains themselves, so a total measured by NVML on the GPU and
 * estimated on the CPU says exactly that.
 */
public final class EstimateLabel {

    /** What a CPU-time model leaves out, said wherever a total includes one. */
    public static final String NO_IDLE_TERM = "dynamic power only: the CPU-time model has no idle term, so the"
            + " machine's idle draw is not in this figure";

    private EstimateLabel() {
    }

    /** The label of the total, empty when no domain of the total is an estimate. */
    public static Optional<String> of(EnergyTotals totals, List<Domain> domains) {
        List<Domain> inTotal = domains.stream().filter(d -> totals.totalDomainIds().contains(d.id())).toList();
        List<Domain> estimated = inTotal.stream().filter(Domain::estimated).toList();
        if (estimated.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("estimate used: ");
        text.append(String.join("; ", estimated.stream().map(d -> d.id() + " is modelled (" + d.source() + ")")
                .toList()));
        List<String> measured = inTotal.stream().filter(d -> !d.estimated()).map(Domain::id).toList();
        text.append(measured.isEmpty() ? "; no domain of the total is measured"
                : "; measured: " + String.join(" + ", measured));
        if (estimated.stream().anyMatch(EstimateLabel::cpuTimeModel)) {
            text.append("; ").append(NO_IDLE_TERM);
            if (estimated.stream().noneMatch(d -> d.source().contains(CpuPowerModel.VALIDATION_ERROR))) {
                text.append("; ").append(CpuPowerModel.VALIDATION_ERROR);
            }
        }
        return Optional.of(text.toString());
    }

    /** Whether E_llm (the engine's process domains) is an estimate. */
    public static boolean llmEstimated(EnergyTotals totals, List<Domain> domains) {
        return domains.stream().anyMatch(d -> totals.processDomainIds().contains(d.id()) && d.estimated());
    }

    private static boolean cpuTimeModel(Domain d) {
        return d.kind() == DomainKind.CPU_PACKAGE || d.kind() == DomainKind.PROCESS;
    }
}
