package io.lem.meter.rapl;

import io.lem.analysis.DomainPolicy;
import io.lem.analysis.EnergyTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import io.lem.meter.Domain;
import io.lem.testkit.PowercapTrees;
import io.lem.meter.SysfsReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Multi-die packages as the kernel's RAPL driver exposes them: one top-level zone per die named
 * {@code package-X-die-Y} (intel_rapl_common.c, rapl_add_package, when there is more than one die per package),
 * each with its own subzones, and no zone for the package as a whole.
 */
class RaplMultiDieTest {

    private static final long MAX_UJ = 262143328850L; // PowercapTrees.zone's max_energy_range_uj

    @TempDir
    Path tmp;

    /** Two sockets of two dies each, flat layout; die N of the machine is intel-rapl:N. */
    private Path twoSocketsTwoDies(long[] packageUj, long[] dramUj) throws Exception {
        Path root = tmp.resolve("powercap");
        write(root, packageUj, dramUj);
        return root;
    }

    /** Zones given as "id name", all at {@code energyUj}. */
    private static void zones(Path root, long energyUj, String... idAndName) throws Exception {
        for (String zone : idAndName) {
            PowercapTrees.zone(root, zone.split(" ")[0], zone.split(" ")[1], energyUj);
        }
    }

    private static void write(Path root, long[] packageUj, long[] dramUj) throws Exception {
        for (int die = 0; die < 4; die++) {
            PowercapTrees.zone(root, "intel-rapl:" + die, "package-" + die / 2 + "-die-" + die % 2, packageUj[die]);
            PowercapTrees.zone(root, "intel-rapl:" + die + ":0", "dram", dramUj[die]);
        }
    }

    @Test
    void theDiesOfAPackageAreSummedIntoItEachUnwrappedOnItsOwn() throws Exception {
        long[] pkg = {1_000_000, 2_000_000, 3_000_000, MAX_UJ - 999_999};
        long[] dram = {100_000, 200_000, 300_000, 400_000};
        Path root = twoSocketsTwoDies(pkg, dram);
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(meter.domains()).extracting(Domain::id)
                    .containsExactly("cpu-package0", "dram0", "cpu-package1", "dram1");
            assertThat(meter.domains().getFirst().source()).contains("intel-rapl:0/energy_uj (package-0-die-0) + ")
                    .contains("intel-rapl:1/energy_uj (package-0-die-1)");
            assertThat(meter.notes()).noneMatch(n -> n.contains("unknown RAPL zone name"))
                    .anySatisfy(n -> assertThat(n).isEqualTo("cpu-package0 is the sum of intel-rapl:0"
                            + " (package-0-die-0) + intel-rapl:1 (package-0-die-1): one zone per die"));

            // +3 J and +5 J on socket 0's dies; socket 1's second die wraps (1 J to the top, 1 µJ over it, then 2 J)
            long[] pkgLater = {pkg[0] + 3_000_000, pkg[1] + 5_000_000, pkg[2] + 7_000_000, 2_000_000};
            long[] dramLater = {dram[0] + 250_000, dram[1] + 750_000, dram[2], dram[3] + 1_000_000};
            write(root, pkgLater, dramLater);
            double[] row = new double[4];
            meter.read(row, 0);
            assertThat(row).containsExactly(new double[]{8.0, 1.0, 10.0, 1.0}, within(1e-9));
            assertThat(meter.wraps()).isEqualTo(1);

            EnergyTotals totals = DomainPolicy.totals(meter.domains());
            assertThat(totals.totalDomainIds()).containsExactlyInAnyOrder("cpu-package0", "cpu-package1", "dram0",
                    "dram1");
        }
    }

    /** A package seen whole (here by MMIO) and as MSR dies is counted once: the MSR dies carry the subzones. */
    @Test
    void aPackageExposedWholeAndAsDiesIsCountedOnce() throws Exception {
        Path root = tmp.resolve("powercap");
        zones(root, 1_000_000, "intel-rapl:0 package-0-die-0", "intel-rapl:1 package-0-die-1",
                "intel-rapl-mmio:0 package-0");
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(meter.domains()).extracting(Domain::id).containsExactly("cpu-package0");
            assertThat(meter.zones()).extracting(PowercapZone::zoneId).containsExactly("intel-rapl:0", "intel-rapl:1");
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).startsWith("intel-rapl-mmio:0 (package-0, MMIO)"
                    + " duplicates intel-rapl:0 (package-0-die-0, MSR)"));
        }
        // within one interface the whole package wins: it contains its dies
        zones(root, 1_000_000, "intel-rapl:2 package-0", "intel-rapl:2:0 core", "intel-rapl:0:0 dram");
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(meter.domains()).extracting(Domain::id).containsExactly("cpu-package0", "cpu-core0");
            assertThat(meter.zones()).extracting(PowercapZone::zoneId).containsExactly("intel-rapl:2", "intel-rapl:2:0");
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).isEqualTo("intel-rapl:0 (package-0-die-0) not"
                    + " used: intel-rapl:2 (package-0) measures package 0 whole, its dies included"));
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).contains("intel-rapl:0:0: subzone 'dram' of a"
                    + " zone not used"));
        }
    }
}
