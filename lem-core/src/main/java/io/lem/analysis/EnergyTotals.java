package io.lem.analysis;

import java.util.List;
import java.util.Map;

/**
 * Which domains make each reported energy figure, as decided by {@link DomainPolicy}. Feed it the energy of every
 * domain over a window ({@link #sum(Map)}) to get the figures; the description goes into the result's methods
 * ("total_energy_j = cpu-package0 + cpu-package1 + dram0 + dram1 + gpu0").
 *
 * @param cpuDomainIds     summed into {@code cpu_energy_j} (packages; psys when psys alone is used)
 * @param dramDomainIds    summed into {@code dram_energy_j}
 * @param gpuDomainIds     summed into {@code gpu_energy_j}
 * @param totalDomainIds   summed into {@code total_energy_j}; never two domains that contain one another
 * @param processDomainIds summed into {@code llm_energy_j} (E_llm, attributed to the engine); never in host totals
 *                         unless no host domain exists at all
 * @param description      human-readable composition of the total
 * @param totalEstimated   true when the total comes from a model (only the process CPU estimate was available)
 * @param notes            why domains were left out (core/uncore inside packages, psys not summed, ...)
 */
public record EnergyTotals(List<String> cpuDomainIds, List<String> dramDomainIds, List<String> gpuDomainIds,
                           List<String> totalDomainIds, List<String> processDomainIds, String description,
                           boolean totalEstimated, List<String> notes) {

    public EnergyTotals {
        cpuDomainIds = List.copyOf(cpuDomainIds);
        dramDomainIds = List.copyOf(dramDomainIds);
        gpuDomainIds = List.copyOf(gpuDomainIds);
        totalDomainIds = List.copyOf(totalDomainIds);
        processDomainIds = List.copyOf(processDomainIds);
        notes = List.copyOf(notes);
    }

    /**
     * The figures for one window.
     *
     * @param energyJByDomainId energy of each domain over the window (from {@link WindowEnergy})
     * @throws IllegalArgumentException when a domain named by these totals is missing from the map
     */
    public Figures sum(Map<String, Double> energyJByDomainId) {
        return new Figures(total(cpuDomainIds, energyJByDomainId), total(dramDomainIds, energyJByDomainId),
                total(gpuDomainIds, energyJByDomainId), total(totalDomainIds, energyJByDomainId),
                total(processDomainIds, energyJByDomainId));
    }

    private static double total(List<String> ids, Map<String, Double> energyJ) {
        if (ids.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String id : ids) {
            Double e = energyJ.get(id);
            if (e == null) {
                throw new IllegalArgumentException("no energy given for domain '" + id + "'; have " + energyJ.keySet());
            }
            sum += e;
        }
        return sum;
    }

    /** Energy figures of one window; NaN where no domain contributes (written as null). */
    public record Figures(double cpuEnergyJ, double dramEnergyJ, double gpuEnergyJ, double totalEnergyJ,
                          double llmEnergyJ) {
    }
}
