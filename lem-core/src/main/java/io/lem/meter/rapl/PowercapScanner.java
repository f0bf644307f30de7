package io.lem.meter.rapl;

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
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.SysfsReader;

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
 *
 * <p>Multi-die packages: where the CPU has more than one die per package, the kernel's RAPL driver
 * ({@code intel_rapl_common.c}, {@code rapl_add_package}) registers one top-level zone per die, named
 * {@code package-X-die-Y}, with the die's own subzones, and no zone for the package as a whole. The dies of package X
 * all get domain id {@code cpu-packageX} (their subzones {@code cpu-coreX}, {@code dramX}, ...), and {@link RaplMeter}
 * reports the sum of their counters, each unwrapped on its own. If a package is exposed both whole and as dies
 * (another interface beside MSR), one of the two is used, never both: the whole package, which contains its dies.
 */
public final class PowercapScanner {

    public static final Path DEFAULT_ROOT = MeterContext.POWERCAP_ROOT;

    private static final Pattern ZONE_ID = Pattern.compile("(intel-rapl|intel-rapl-mmio):(\\d+)(?::(\\d+))?");
    private static final Pattern PACKAGE_NAME = Pattern.compile("package-(\\d+)");
    private static final Pattern DIE_NAME = Pattern.compile("package-(\\d+)-die-(\\d+)");

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
        Map<Integer, Raw> chosen = choosePackageSources(raws, notes);
        Map<String, Integer> socketOfTopZone = new HashMap<>();
        Set<String> unusedTops = new HashSet<>();
        List<PowercapZone> zones = new ArrayList<>();
        Set<String> usedIds = new HashSet<>();
        Set<String> dieIds = new HashSet<>(); // ids the dies of one package share on purpose
        int topDram = 0;
        int psys = (int) raws.stream().filter(r -> r.sub < 0 && r.name.equals("psys")).count();
        int psysIndex = 0;
        for (Raw r : raws) {
            Integer packageOf = r.sub < 0 ? socketOf(r.name) : null;
            String domainId;
            DomainKind kind;
            if (packageOf != null) {
                Raw source = chosen.get(packageOf);
                if (source.mmio != r.mmio || source.die() != r.die()) {
                    unusedTops.add(r.topKey()); // another interface or form of the package, noted when choosing
                    continue;
                }
                socketOfTopZone.put(r.topKey(), packageOf);
                domainId = "cpu-package" + packageOf;
                kind = DomainKind.CPU_PACKAGE;
            } else if (r.sub < 0 && r.name.equals("psys")) {
                domainId = psys == 1 ? "psys" : "psys" + psysIndex++;
                kind = DomainKind.PSYS;
            } else if (r.sub < 0 && r.name.equals("dram")) {
                domainId = "dram" + topDram++;
                kind = DomainKind.DRAM;
            } else if (r.sub >= 0 && (r.name.equals("core") || r.name.equals("uncore") || r.name.equals("dram"))) {
                Integer socket = socketOfTopZone.get(r.topKey());
                if (socket == null && unusedTops.contains(r.topKey())) {
                    notes.add("skipped " + r.dir + ": subzone '" + r.name + "' of a zone not used (see above)");
                    continue;
                }
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
            boolean ofDie = r.sub < 0 ? r.die() : dieTop(raws, r);
            if (ofDie && dieIds.contains(domainId)) {
                zones.add(new PowercapZone(r.id, r.dir, r.name, r.max, domainId, kind));
                continue; // a further die of the same package: summed into the same domain
            }
            if (!usedIds.add(domainId)) {
                String unique = domainId + "-" + r.id;
                notes.add(r.id + " (" + r.name + ") would reuse domain id " + domainId + ": named " + unique);
                usedIds.add(unique);
                domainId = unique;
            } else if (ofDie) {
                dieIds.add(domainId);
            }
            zones.add(new PowercapZone(r.id, r.dir, r.name, r.max, domainId, kind));
        }
        dieNotes(zones, notes);
        return zones;
    }

    /**
     * Per package number, the zone form that measures it: MSR before MMIO (the subzones hang from the MSR zones),
     * and within one interface the whole package before its dies (it contains them). Notes what is left out.
     */
    private static Map<Integer, Raw> choosePackageSources(List<Raw> raws, List<String> notes) {
        Map<Integer, List<Raw>> byPackage = new TreeMap<>();
        for (Raw r : raws) {
            Integer socket = r.sub < 0 ? socketOf(r.name) : null;
            if (socket != null) {
                byPackage.computeIfAbsent(socket, k -> new ArrayList<>()).add(r);
            }
        }
        Map<Integer, Raw> chosen = new HashMap<>();
        for (Map.Entry<Integer, List<Raw>> e : byPackage.entrySet()) {
            Raw best = e.getValue().stream().min(Comparator.comparing((Raw r) -> r.mmio).thenComparing(Raw::die))
                    .orElseThrow();
            chosen.put(e.getKey(), best);
            for (Raw r : e.getValue()) {
                if (r.mmio == best.mmio && r.die() == best.die()) {
                    continue;
                }
                notes.add(r.mmio != best.mmio
                        ? r.id + " (" + r.name + ", " + iface(r) + ") duplicates " + best.id + " (" + best.name + ", "
                        + iface(best) + "): using the " + iface(best) + " zone " + best.id
                        : r.id + " (" + r.name + ") not used: " + best.id + " (" + best.name + ") measures package "
                        + e.getKey() + " whole, its dies included");
            }
        }
        return chosen;
    }

    private static String iface(Raw r) {
        return r.mmio ? "MMIO" : "MSR";
    }

    private static Integer socketOf(String name) {
        Matcher whole = PACKAGE_NAME.matcher(name);
        if (whole.matches()) {
            return Integer.parseInt(whole.group(1));
        }
        Matcher die = DIE_NAME.matcher(name);
        return die.matches() ? Integer.parseInt(die.group(1)) : null;
    }

    private static boolean dieTop(List<Raw> raws, Raw sub) {
        return raws.stream().anyMatch(t -> t.sub < 0 && t.topKey().equals(sub.topKey()) && t.die());
    }

    private static void dieNotes(List<PowercapZone> zones, List<String> notes) {
        Map<String, List<String>> zonesByDomain = new TreeMap<>();
        for (PowercapZone z : zones) {
            zonesByDomain.computeIfAbsent(z.domainId(), k -> new ArrayList<>()).add(z.zoneId() + " (" + z.name() + ")");
        }
        zonesByDomain.forEach((id, ids) -> {
            if (ids.size() > 1) {
                notes.add(id + " is the sum of " + String.join(" + ", ids) + ": one zone per die");
            }
        });
    }

    private record Raw(String id, Path dir, String name, long max, boolean mmio, int index, int sub) {
        String topKey() {
            return (mmio ? "mmio:" : "msr:") + index;
        }

        boolean die() {
            return DIE_NAME.matcher(name).matches();
        }
    }
}
