package io.lem.meter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Discovers RAPL zones under a powercap root ({@code /sys/class/powercap} by default).
 *
 * <p>Both layouts are read: the flat one of {@code /sys/class/powercap} (every zone, subzones included, as an entry
 * of the root) and the nested one of {@code /sys/devices/virtual/powercap/intel-rapl} (subzones inside their
 * parent). Zones are keyed by zone id, so a zone seen in both places is counted once.
 *
 * <p>Domain ids: {@code cpu-package<N>} with N from the zone's {@code package-N} name (the physical package id),
 * {@code cpu-core<N>} / {@code cpu-uncore<N>} / {@code dram<N>} for subzones of package N, {@code dram<i>} for
 * top-level dram zones (i-th by zone index), {@code psys}. When the MMIO interface exposes a package that the MSR
 * interface also exposes (same {@code package-N}), the MSR zone is used: it is the one the core/uncore/dram subzones
 * hang from, and both read the same package counter. An MMIO package without an MSR twin is used as the package.
 */
public final class PowercapScanner {

    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    private static final Pattern ZONE_ID = Pattern.compile("(intel-rapl|intel-rapl-mmio):(\\d+)(?::(\\d+))?");
    private static final Pattern PACKAGE_NAME = Pattern.compile("package-(\\d+)");

    private final SysfsReader reader;

    public PowercapScanner(SysfsReader reader) {
        this.reader = reader;
    }

    /** Scans the root; throws when the root is missing or cannot be listed. */
    public PowercapScan scan(Path root) throws MeterException {
        if (!Files.isDirectory(root)) {
            throw new MeterException("no " + root + ": not a RAPL machine or RAPL not exposed in this VM"
                    + " (RAPL needs an Intel CPU, or AMD Zen with the amd_energy/rapl driver, on bare metal)");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Path> dirs = new TreeMap<>();
        collect(root, dirs, notes, true);
        List<Raw> raws = new ArrayList<>();
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            Matcher m = ZONE_ID.matcher(e.getKey());
            if (!m.matches()) {
                notes.add("skipped " + e.getValue() + ": malformed zone id '" + e.getKey()
                        + "' (expected intel-rapl:N or intel-rapl:N:M)");
                continue;
            }
            Raw raw = readRaw(e.getKey(), e.getValue(), m, notes);
            if (raw != null) {
                raws.add(raw);
            }
        }
        raws.sort(Comparator.comparing((Raw r) -> r.mmio).thenComparingInt(r -> r.index).thenComparingInt(r -> r.sub));
        return new PowercapScan(root, assignDomains(raws, notes), notes);
    }

    private void collect(Path dir, Map<String, Path> into, List<String> notes, boolean top) throws MeterException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String id = p.getFileName().toString();
                if (!id.startsWith("intel-rapl") || !id.contains(":") || !Files.isDirectory(p)) {
                    continue; // control-type dirs (intel-rapl, intel-rapl-mmio) and plain files
                }
                if (into.putIfAbsent(id, p) == null) {
                    collect(p, into, notes, false);
                }
            }
        } catch (IOException e) {
            if (top) {
                throw new MeterException("cannot list " + dir + ": " + e.getMessage(), e);
            }
            notes.add("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private Raw readRaw(String id, Path dir, Matcher m, List<String> notes) {
        String name;
        long max;
        try {
            name = reader.read(dir.resolve("name")).strip();
            max = Long.parseLong(reader.read(dir.resolve("max_energy_range_uj")).strip());
        } catch (IOException | NumberFormatException e) {
            notes.add("skipped " + dir + ": cannot read name or max_energy_range_uj (" + e + ")");
            return null;
        }
        int sub = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        return new Raw(id, dir, name, max, m.group(1).endsWith("mmio"), Integer.parseInt(m.group(2)), sub);
    }

    private List<PowercapZone> assignDomains(List<Raw> raws, List<String> notes) {
        Map<String, Raw> msrPackagesByName = new HashMap<>();
        for (Raw r : raws) {
            if (!r.mmio && r.sub < 0 && PACKAGE_NAME.matcher(r.name).matches()) {
                msrPackagesByName.put(r.name, r);
            }
        }
        Map<String, Integer> socketOfTopZone = new HashMap<>();
        List<PowercapZone> zones = new ArrayList<>();
        Set<String> usedIds = new HashSet<>();
        int topDram = 0;
        int psys = (int) raws.stream().filter(r -> r.sub < 0 && r.name.equals("psys")).count();
        int psysIndex = 0;
        for (Raw r : raws) {
            Matcher pkg = PACKAGE_NAME.matcher(r.name);
            String domainId;
            DomainKind kind;
            if (r.sub < 0 && pkg.matches()) {
                if (r.mmio && msrPackagesByName.containsKey(r.name)) {
                    notes.add(r.id + " (" + r.name + ", MMIO) duplicates " + msrPackagesByName.get(r.name).id
                            + " (" + r.name + ", MSR): using the MSR zone " + msrPackagesByName.get(r.name).id);
                    continue;
                }
                int socket = Integer.parseInt(pkg.group(1));
                socketOfTopZone.put(r.topKey(), socket);
                domainId = "cpu-package" + socket;
                kind = DomainKind.CPU_PACKAGE;
            } else if (r.sub < 0 && r.name.equals("psys")) {
                domainId = psys == 1 ? "psys" : "psys" + psysIndex++;
                kind = DomainKind.PSYS;
            } else if (r.sub < 0 && r.name.equals("dram")) {
                domainId = "dram" + topDram++;
                kind = DomainKind.DRAM;
            } else if (r.sub >= 0 && (r.name.equals("core") || r.name.equals("uncore") || r.name.equals("dram"))) {
                Integer socket = socketOfTopZone.get(r.topKey());
                if (socket == null) {
                    notes.add("skipped " + r.dir + ": subzone '" + r.name + "' of a zone that is not a package");
                    continue;
                }
                kind = switch (r.name) {
                    case "core" -> DomainKind.CPU_CORE;
                    case "uncore" -> DomainKind.CPU_UNCORE;
                    default -> DomainKind.DRAM;
                };
                domainId = switch (kind) {
                    case CPU_CORE -> "cpu-core" + socket;
                    case CPU_UNCORE -> "cpu-uncore" + socket;
                    default -> "dram" + socket;
                };
            } else {
                notes.add("skipped " + r.dir + ": unknown RAPL zone name '" + r.name + "'");
                continue;
            }
            if (!usedIds.add(domainId)) {
                String unique = domainId + "-" + r.id;
                notes.add(r.id + " (" + r.name + ") would reuse domain id " + domainId + ": named " + unique);
                usedIds.add(unique);
                domainId = unique;
            }
            zones.add(new PowercapZone(r.id, r.dir, r.name, r.max, domainId, kind));
        }
        return zones;
    }

    private record Raw(String id, Path dir, String name, long max, boolean mmio, int index, int sub) {
        String topKey() {
            return (mmio ? "mmio:" : "msr:") + index;
        }
    }
}
