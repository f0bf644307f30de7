package io.lem.analysis;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Quantity;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule deciding which domains are summed, so that no figure double counts (the Energy Lab summed every
 * RAPL zone for its baseline while using package + dram for energy).
 *
 * <ul>
 *   <li>{@link Quantity#GAUGE} domains (temperatures, utilisation, second power readings) are never summed.</li>
 *   <li>CPU: the packages. core and uncore are inside their package and never added to it. When no package is
 *       exposed, psys stands in for CPU + DRAM; when neither is, core + uncore (a lower bound, noted).</li>
 *   <li>psys with packages present: packages + dram are used and psys is reported on its own. psys exists only on
 *       client parts, its scope varies by platform (it may include chipset, display, charging), and package + dram
 *       is what servers, CodeCarbon and ML.ENERGY report, so results stay comparable across machines.</li>
 *   <li>HOST_CPU (an exporter's CPU-side host power, Scaphandre's {@code host}: psys, or packages + dram) stands in
 *       for CPU + DRAM only when lem reads no package or psys itself. With lem's own RAPL present, RAPL is used and
 *       the exporter's figure is reported on its own: both come from the same counters, but lem reads them at the
 *       sampling rate as energy, the exporter only as power at its scrape interval (a step that lags by up to one
 *       interval), and summing both would count the CPU twice.</li>
 *   <li>An estimated package (host-estimate) is summed only when no measured CPU domain exists.</li>
 *   <li>GPUs add to the total (disjoint from CPU, DRAM and HOST_CPU).</li>
 *   <li>A HOST domain (wall meter) contains everything: the total is the host alone.</li>
 *   <li>PROCESS domains are the energy attributed to the engine (E_llm), a part of the host figures and never added
 *       to them. Measured (RAPL-share) process domains win over estimated ones. Only when no host-level domain
 *       exists is the total the process figure, flagged estimated when that domain is an estimate.</li>
 * </ul>
 */
public final class DomainPolicy {

    private DomainPolicy() {
    }

    public static EnergyTotals totals(List<Domain> domains) {
        List<String> notes = new ArrayList<>();
        List<String> allPackages = ids(domains, DomainKind.CPU_PACKAGE);
        List<String> measuredPackages = domains.stream().filter(d -> allPackages.contains(d.id()) && !d.estimated())
                .map(Domain::id).toList();
        List<String> packages = allPackages;
        List<String> hostCpus = ids(domains, DomainKind.HOST_CPU);
        boolean measuredCpu = !measuredPackages.isEmpty() || !ids(domains, DomainKind.PSYS).isEmpty()
                || !hostCpus.isEmpty();
        if (measuredCpu && measuredPackages.size() < packages.size()) {
            List<String> estimates = allPackages.stream().filter(id -> !measuredPackages.contains(id)).toList();
            notes.add(join(estimates) + " not summed: a measured CPU domain exists");
            packages = measuredPackages;
        }
        List<String> drams = ids(domains, DomainKind.DRAM);
        List<String> psys = ids(domains, DomainKind.PSYS);
        List<String> cores = ids(domains, DomainKind.CPU_CORE);
        List<String> uncores = ids(domains, DomainKind.CPU_UNCORE);
        List<String> gpus = ids(domains, DomainKind.GPU);
        List<String> hosts = ids(domains, DomainKind.HOST);

        List<String> cpu = new ArrayList<>();
        List<String> dram = new ArrayList<>();
        if (!packages.isEmpty()) {
            cpu.addAll(packages);
            dram.addAll(drams);
            if (!cores.isEmpty() || !uncores.isEmpty()) {
                notes.add(join(concat(cores, uncores)) + " not summed: inside the packages");
            }
            if (!psys.isEmpty()) {
                notes.add(join(psys) + " not summed: contains packages and dram; total uses packages + dram");
            }
            noteHostCpuNotSummed(hostCpus, notes);
        } else if (!psys.isEmpty()) {
            cpu.addAll(psys);
            notes.add("no package domain: psys (whole SoC, contains cpu and dram) used alone");
            if (!drams.isEmpty() || !cores.isEmpty() || !uncores.isEmpty()) {
                notes.add(join(concat(drams, concat(cores, uncores))) + " not summed: inside psys");
            }
            noteHostCpuNotSummed(hostCpus, notes);
        } else if (!hostCpus.isEmpty()) {
            cpu.addAll(hostCpus);
            notes.add("no RAPL package or psys read by lem: cpu_energy_j is the exporter's CPU-side host power "
                    + join(hostCpus) + " (psys, or packages + dram), gpus added on top");
            if (!drams.isEmpty() || !cores.isEmpty() || !uncores.isEmpty()) {
                notes.add(join(concat(drams, concat(cores, uncores))) + " not summed: inside " + join(hostCpus));
            }
        } else if (!cores.isEmpty() || !uncores.isEmpty()) {
            cpu.addAll(concat(cores, uncores));
            dram.addAll(drams);
            notes.add("no package domain: cpu_energy_j is core + uncore, a lower bound of the package energy");
        } else {
            dram.addAll(drams);
        }

        List<String> measuredProcesses = new ArrayList<>();
        List<String> estimatedProcesses = new ArrayList<>();
        for (Domain d : domains) {
            if (d.kind() == DomainKind.PROCESS && d.quantity() != Quantity.GAUGE) {
                (d.estimated() ? estimatedProcesses : measuredProcesses).add(d.id());
            }
        }
        List<String> process = measuredProcesses.isEmpty() ? estimatedProcesses : measuredProcesses;
        if (!measuredProcesses.isEmpty() && !estimatedProcesses.isEmpty()) {
            notes.add(join(estimatedProcesses) + " not used for E_llm: measured " + join(measuredProcesses)
                    + " available");
        }

        List<String> total = new ArrayList<>();
        boolean estimated = false;
        if (!hosts.isEmpty()) {
            total.addAll(hosts);
            notes.add("total is the host meter " + join(hosts) + ", which contains cpu, dram and gpu");
        } else {
            total.addAll(cpu);
            total.addAll(dram);
            total.addAll(gpus);
            if (total.isEmpty() && !process.isEmpty()) {
                total.addAll(process);
                notes.add("no host-level meter: total is the engine's process energy"
                        + (anyEstimated(domains, process) ? " (estimated)" : ""));
            }
        }
        estimated = anyEstimated(domains, total);
        String description = total.isEmpty() ? "none" : join(total);
        if (estimated) {
            description += " (estimated)";
        }
        return new EnergyTotals(cpu, dram, gpus, total, process, description, estimated, notes);
    }

    private static void noteHostCpuNotSummed(List<String> hostCpus, List<String> notes) {
        if (!hostCpus.isEmpty()) {
            notes.add(join(hostCpus) + " not summed: the exporter's CPU-side host power covers the RAPL zones lem"
                    + " reads itself, at the sampling rate rather than the exporter's scrape interval");
        }
    }

    private static boolean anyEstimated(List<Domain> domains, List<String> ids) {
        return domains.stream().anyMatch(d -> ids.contains(d.id()) && d.estimated());
    }

    private static List<String> ids(List<Domain> domains, DomainKind kind) {
        return domains.stream().filter(d -> d.kind() == kind && d.quantity() != Quantity.GAUGE).map(Domain::id).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String join(List<String> ids) {
        return String.join(" + ", ids);
    }
}
