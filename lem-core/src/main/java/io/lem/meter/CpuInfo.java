package io.lem.meter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPU facts the power model needs, from {@code /proc/cpuinfo}.
 *
 * @param modelName             the first {@code model name} ("AMD EPYC 8024P 8-Core Processor")
 * @param logicalCpus           number of {@code processor} entries
 * @param logicalCpusPerPackage {@code siblings}: logical CPUs of one physical package
 * @param packages              distinct {@code physical id}s (at least 1)
 * @param hypervisorFlag        the first {@code flags} line holds {@code hypervisor}: a guest of a VM, where
 *                              {@code siblings} counts vCPUs and not the host CPU's threads
 */
public record CpuInfo(String modelName, int logicalCpus, int logicalCpusPerPackage, int packages,
                      boolean hypervisorFlag) {

    /** Bare-metal facts (no hypervisor flag). */
    public CpuInfo(String modelName, int logicalCpus, int logicalCpusPerPackage, int packages) {
        this(modelName, logicalCpus, logicalCpusPerPackage, packages, false);
    }

    public CpuInfo {
        if (logicalCpus < 1 || logicalCpusPerPackage < 1 || packages < 1) {
            throw new IllegalArgumentException("cpu counts must be positive: " + logicalCpus + " logical, "
                    + logicalCpusPerPackage + " per package, " + packages + " packages");
        }
    }

    public static CpuInfo read(Path cpuinfo) throws MeterException {
        try {
            return parse(Files.readString(cpuinfo));
        } catch (IOException | IllegalArgumentException e) {
            throw new MeterException("cannot read the CPU model from " + cpuinfo + ": " + e.getMessage(), e);
        }
    }

    public static CpuInfo parse(String text) {
        String model = null;
        int processors = 0;
        int siblings = 0;
        Set<String> physicalIds = new HashSet<>();
        String flags = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> processors++;
                case "model name" -> model = model == null ? value : model;
                case "siblings" -> siblings = siblings == 0 ? Integer.parseInt(value) : siblings;
                case "physical id" -> physicalIds.add(value);
                case "flags" -> flags = flags == null ? value : flags;
                default -> { }
            }
        }
        if (processors == 0) {
            throw new IllegalArgumentException("no 'processor' entry in cpuinfo");
        }
        int perPackage = siblings > 0 ? siblings : processors;
        int packages = Math.max(physicalIds.size(), 1);
        boolean hypervisor = flags != null && List.of(flags.split("\\s+")).contains("hypervisor");
        return new CpuInfo(model == null ? "unknown CPU" : model, processors, perPackage, packages, hypervisor);
    }
}
