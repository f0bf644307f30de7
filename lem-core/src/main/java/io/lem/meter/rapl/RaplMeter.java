package io.lem.meter.rapl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.lem.meter.Domain;
import io.lem.meter.EnergyCounter;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.SysfsReader;

/**
 * Reads RAPL energy counters through the Linux powercap interface. Each domain is one {@link Quantity#ENERGY_J}
 * figure: joules since {@link #open}, unwrapped counter by counter ({@link EnergyCounter}). A domain is one zone, or
 * on multi-die packages the sum of the same zone of every die ({@link PowercapScanner}), each die's counter
 * unwrapped on its own before the sum. Every zone found is reported (packages, core, uncore, dram, psys); which of
 * them may be summed is decided by the analysis's domain policy, not here.
 */
public final class RaplMeter implements Meter {

    private final PowercapScan scan;
    private final SysfsReader.CounterFile[] files;
    private final List<Domain> domains;
    private final EnergyCounter[] counters;
    /** Index of the domain each zone adds to, same order as the scan's zones. */
    private final int[] domainOfZone;

    private RaplMeter(PowercapScan scan, SysfsReader.CounterFile[] files, long[] firstRawUj) {
        this.scan = scan;
        this.files = files;
        Map<String, List<PowercapZone>> byDomain = new LinkedHashMap<>();
        counters = new EnergyCounter[scan.zones().size()];
        domainOfZone = new int[counters.length];
        for (int i = 0; i < counters.length; i++) {
            PowercapZone zone = scan.zones().get(i);
            if (!byDomain.containsKey(zone.domainId())) {
                byDomain.put(zone.domainId(), new ArrayList<>());
            }
            domainOfZone[i] = List.copyOf(byDomain.keySet()).indexOf(zone.domainId());
            byDomain.get(zone.domainId()).add(zone);
            counters[i] = new EnergyCounter(firstRawUj[i], zone.maxEnergyRangeUj());
        }
        List<Domain> list = new ArrayList<>();
        for (List<PowercapZone> group : byDomain.values()) {
            String source = group.stream().map(z -> z.energyFile() + " (" + z.name() + ")")
                    .collect(Collectors.joining(" + "));
            list.add(new Domain(group.getFirst().domainId(), group.getFirst().kind(), Quantity.ENERGY_J, false,
                    "rapl " + source));
        }
        this.domains = List.copyOf(list);
    }

    /** Opens the default root {@code /sys/class/powercap}. */
    public static RaplMeter open() throws MeterException {
        return open(PowercapScanner.DEFAULT_ROOT, SysfsReader.files());
    }

    /**
     * Scans the root and takes the first reading of every zone.
     *
     * @throws MeterException when the root is missing, holds no usable zone, or a counter cannot be read (the
     *                        message says how to fix permissions)
     */
    public static RaplMeter open(Path powercapRoot, SysfsReader reader) throws MeterException {
        PowercapScan scan = new PowercapScanner(reader).scan(powercapRoot);
        if (scan.zones().isEmpty()) {
            throw new MeterException("no usable RAPL zone under " + powercapRoot
                    + (scan.notes().isEmpty() ? "" : " (" + String.join("; ", scan.notes()) + ")")
                    + ": RAPL is not exposed on this machine");
        }
        SysfsReader.CounterFile[] files = new SysfsReader.CounterFile[scan.zones().size()];
        long[] first = new long[files.length];
        try {
            for (int i = 0; i < files.length; i++) {
                files[i] = openUj(reader, scan.root(), scan.zones().get(i));
                first[i] = readUj(files[i], scan.zones().get(i));
            }
        } catch (MeterException e) {
            closeAll(files);
            throw e;
        }
        return new RaplMeter(scan, files, first);
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public List<Domain> domains() {
        return domains;
    }

    /** The zones behind the domains, in scan order; on multi-die packages several zones add to one domain. */
    public List<PowercapZone> zones() {
        return scan.zones();
    }

    /** What the scan skipped and why. */
    public List<String> notes() {
        return scan.notes();
    }

    @Override
    public List<String> warnings() {
        long wraps = wraps();
        return wraps == 0 ? List.of() : List.of("RAPL counter wrap observed " + wraps
                + " time(s) and unwrapped; sample at least every few seconds so no counter wraps twice between reads");
    }

    /** Total counter wraps unwrapped so far, over all zones. */
    public long wraps() {
        long total = 0;
        for (EnergyCounter c : counters) {
            total += c.wraps();
        }
        return total;
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        java.util.Arrays.fill(into, offset, offset + domains.size(), 0.0);
        for (int i = 0; i < counters.length; i++) {
            into[offset + domainOfZone[i]] += counters[i].update(readUj(files[i], scan.zones().get(i))) / 1e6;
        }
    }

    @Override
    public void close() {
        closeAll(files);
    }

    private static void closeAll(SysfsReader.CounterFile[] files) {
        for (SysfsReader.CounterFile f : files) {
            if (f != null) {
                try {
                    f.close();
                } catch (Exception e) {
                    // closing a read-only pseudo-file cannot lose data
                }
            }
        }
    }

    static SysfsReader.CounterFile openUj(SysfsReader reader, Path root, PowercapZone zone) throws MeterException {
        Path file = zone.energyFile();
        try {
            return reader.openCounter(file);
        } catch (AccessDeniedException e) {
            throw new MeterException(permissionDenied(root, file), e);
        } catch (IOException e) {
            throw new MeterException(unreadable(file, e), e);
        }
    }

    private static long readUj(SysfsReader.CounterFile counter, PowercapZone zone) throws MeterException {
        try {
            return counter.readLong();
        } catch (IOException e) {
            throw new MeterException(unreadable(zone.energyFile(), e), e);
        }
    }

    private static String unreadable(Path file, IOException e) {
        return "cannot read " + file + " as a count of microjoules: " + e.getMessage()
                + "; check that the file exists and is a readable file";
    }

    /** The message for an unreadable counter, shared with the meter probe. */
    public static String permissionDenied(Path root, Path file) {
        return "permission denied reading " + file + ": Linux 5.10+ makes RAPL energy counters readable by root only"
                + " (CVE-2020-8694). " + permissionFix(root);
    }

    public static String permissionFix(Path root) {
        return "Fix: sudo chmod a+r " + root + "/intel-rapl:*/energy_uj " + root + "/intel-rapl:*:*/energy_uj"
                + " (until reboot; a udev rule such as SUBSYSTEM==\"powercap\", ACTION==\"add\","
                + " RUN+=\"/bin/chmod a+r /sys%p/energy_uj\" makes it permanent), or run lem as root";
    }
}
