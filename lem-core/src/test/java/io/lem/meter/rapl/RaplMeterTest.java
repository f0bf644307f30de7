package io.lem.meter.rapl;

import io.lem.analysis.DomainPolicy;
import io.lem.analysis.EnergyTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.testkit.PowercapTrees;
import io.lem.meter.Quantity;
import io.lem.meter.SysfsReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaplMeterTest {

    @TempDir
    Path tmp;

    private static List<String> ids(Meter meter) {
        return meter.domains().stream().map(Domain::id).toList();
    }

    @Test
    void keplerTreeUsesMsrPackageSkipsMmioTwinAndMalformedZone() throws Exception {
        Path root = PowercapTrees.kepler(tmp);
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(ids(meter)).containsExactly("cpu-package0", "cpu-core0");
            assertThat(meter.domains()).extracting(Domain::kind)
                    .containsExactly(DomainKind.CPU_PACKAGE, DomainKind.CPU_CORE);
            assertThat(meter.domains()).allMatch(d -> d.quantity() == Quantity.ENERGY_J && !d.estimated());
            assertThat(meter.zones().getFirst().zoneId()).isEqualTo("intel-rapl:0");
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).contains("intel-rapl:a").contains("malformed"));
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n)
                    .contains("intel-rapl-mmio:0").contains("using the MSR zone intel-rapl:0"));
            double[] row = new double[2];
            meter.read(row, 0);
            assertThat(row).containsExactly(0.0, 0.0); // joules since open: nothing changed
        }
    }

    @Test
    void mmioPackageWithoutMsrTwinIsThePackage() throws Exception {
        Path root = PowercapTrees.kepler(tmp);
        deleteTree(root.resolve("intel-rapl:0"));
        deleteTree(root.resolve("intel-rapl:0:0"));
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(ids(meter)).containsExactly("cpu-package0");
            assertThat(meter.zones().getFirst().zoneId()).isEqualTo("intel-rapl-mmio:0");
            assertThat(meter.zones().getFirst().mmio()).isTrue();
        }
    }

    @Test
    void alumetSnapshotsGiveAlumetsExpectedJoulesIncludingTheDramWrap() throws Exception {
        Path root = tmp.resolve("powercap");
        PowercapTrees.alumet(root, 0);
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(ids(meter)).containsExactly("cpu-package0", "cpu-core0", "cpu-uncore0", "psys", "dram0");
            PowercapTrees.alumet(root, 1);
            double[] row = new double[5];
            meter.read(row, 0);
            assertThat(row).containsExactly(5400.0, 400.0, 0.0, 10.0, 50000.908523);
            assertThat(meter.wraps()).isEqualTo(1);

            EnergyTotals totals = DomainPolicy.totals(meter.domains());
            assertThat(totals.totalDomainIds()).containsExactly("cpu-package0", "dram0");
            assertThat(totals.notes()).anySatisfy(n -> assertThat(n).startsWith("psys not summed"));
            assertThat(totals.notes()).anySatisfy(n -> assertThat(n).startsWith("cpu-core0 + cpu-uncore0 not summed"));
        }
    }

    @Test
    void dualSocketKeepsBothPackagesAndBothDramsKeyedByPath() throws Exception {
        Path root = tmp.resolve("powercap");
        // flat layout of /sys/class/powercap: subzones are entries of the root too; both drams are named "dram"
        PowercapTrees.zone(root, "intel-rapl:0", "package-0", 1_000_000);
        PowercapTrees.zone(root, "intel-rapl:0:0", "core", 2_000_000);
        PowercapTrees.zone(root, "intel-rapl:0:1", "dram", 3_000_000);
        PowercapTrees.zone(root, "intel-rapl:1", "package-1", 4_000_000);
        PowercapTrees.zone(root, "intel-rapl:1:0", "core", 5_000_000);
        PowercapTrees.zone(root, "intel-rapl:1:1", "dram", 6_000_000);
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(ids(meter)).containsExactly(
                    "cpu-package0", "cpu-core0", "dram0", "cpu-package1", "cpu-core1", "dram1");
            PowercapTrees.zone(root, "intel-rapl:0:1", "dram", 3_500_000);
            PowercapTrees.zone(root, "intel-rapl:1:1", "dram", 8_000_000);
            double[] row = new double[6];
            meter.read(row, 0);
            assertThat(row[2]).isEqualTo(0.5);
            assertThat(row[5]).isEqualTo(2.0);

            EnergyTotals totals = DomainPolicy.totals(meter.domains());
            assertThat(totals.description()).isEqualTo("cpu-package0 + cpu-package1 + dram0 + dram1");
            assertThat(totals.sum(Map.of("cpu-package0", 10.0, "cpu-package1", 20.0, "dram0", 1.0, "dram1", 2.0,
                    "cpu-core0", 99.0, "cpu-core1", 99.0)).totalEnergyJ()).isEqualTo(33.0);
        }
    }

    @Test
    void nestedAndFlatListingOfTheSameZoneCountsItOnce() throws Exception {
        Path root = tmp.resolve("powercap");
        PowercapTrees.zone(root, "intel-rapl:0", "package-0", 1);
        PowercapTrees.zone(root.resolve("intel-rapl:0"), "intel-rapl:0:0", "core", 1);
        PowercapTrees.zone(root, "intel-rapl:0:0", "core", 1);
        try (RaplMeter meter = RaplMeter.open(root, SysfsReader.files())) {
            assertThat(ids(meter)).containsExactly("cpu-package0", "cpu-core0");
        }
    }

    @Test
    void permissionDeniedSaysWhyAndHowToFixIt() throws Exception {
        // The suite runs as root here, so chmod 000 would not stop a read: inject the reader's failure instead.
        // This proves the message and the mapping of AccessDeniedException, not the kernel's permission check.
        Path root = PowercapTrees.kepler(tmp);
        SysfsReader denying = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readString(file);
        };
        assertThatThrownBy(() -> RaplMeter.open(root, denying))
                .isInstanceOf(MeterException.class)
                .hasMessageContaining("permission denied reading " + root.resolve("intel-rapl:0/energy_uj"))
                .hasMessageContaining("sudo chmod a+r " + root + "/intel-rapl:*/energy_uj")
                .hasMessageContaining("udev")
                .hasMessageContaining("run lem as root");
    }

    @Test
    void unreadableCounterFileNamesTheFile() throws Exception {
        // a directory in place of energy_uj fails to read even as root (the real reader, a real failure)
        Path root = PowercapTrees.kepler(tmp);
        Path energy = root.resolve("intel-rapl:0:0/energy_uj");
        Files.delete(energy);
        Files.createDirectory(energy);
        assertThatThrownBy(() -> RaplMeter.open(root, SysfsReader.files()))
                .isInstanceOf(MeterException.class)
                .hasMessageContaining("cannot read " + energy);
    }

    @Test
    void missingRootIsNotARaplMachine() {
        assertThatThrownBy(() -> RaplMeter.open(tmp.resolve("nope"), SysfsReader.files()))
                .isInstanceOf(MeterException.class)
                .hasMessageContaining("not a RAPL machine or RAPL not exposed in this VM");
    }

    @Test
    void garbageInCounterIsReported() throws Exception {
        Path root = PowercapTrees.kepler(tmp);
        PowercapTrees.write(root.resolve("intel-rapl:0/energy_uj"), "n/a");
        assertThatThrownBy(() -> RaplMeter.open(root, SysfsReader.files()))
                .hasMessageContaining("intel-rapl:0/energy_uj does not hold a whole number (byte 'n' at 0)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
