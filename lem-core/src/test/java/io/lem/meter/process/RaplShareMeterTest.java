package io.lem.meter.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.testkit.FakeProc;
import io.lem.testkit.PowercapTrees;
import io.lem.meter.SysfsReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RaplShareMeterTest {

    @TempDir
    Path tmp;

    @Test
    void packageEnergyIsSplitByTheTreeShareOfBusyCpuTimePerInterval() throws Exception {
        Path powercap = tmp.resolve("powercap");
        PowercapTrees.zone(powercap, "intel-rapl:0", "package-0", 1_000_000_000L);
        PowercapTrees.zone(powercap, "intel-rapl:0:0", "core", 5);
        PowercapTrees.zone(powercap, "intel-rapl:0:1", "dram", 7);
        FakeProc proc = new FakeProc(tmp.resolve("proc"));
        proc.process(100, "engine", 1, 100, 0);
        proc.process(101, "worker", 100, 0, 0);
        proc.systemStat(1000, 0, 0, 0, 0);
        try (RaplShareMeter meter = RaplShareMeter.open(powercap, proc.root(), 100, SysfsReader.files())) {
            Domain d = meter.domains().getFirst();
            assertThat(d.id()).isEqualTo("process:100");
            assertThat(d.kind()).isEqualTo(DomainKind.PROCESS);
            assertThat(d.estimated()).isFalse();
            assertThat(d.source()).startsWith("attributed: RAPL cpu-package0 energy");
            double[] row = new double[1];

            // interval 1: package +100 J, machine busy +200 ticks (split over user/nice/system/irq/softirq),
            // tree +50 ticks (root 30, child 20): share 1/4 -> 25 J; dram changes are not attributed
            PowercapTrees.zone(powercap, "intel-rapl:0", "package-0", 1_100_000_000L);
            PowercapTrees.zone(powercap, "intel-rapl:0:1", "dram", 900_000_007L);
            proc.process(100, "engine", 1, 120, 10);
            proc.process(101, "worker", 100, 15, 5);
            proc.systemStat(1100, 20, 50, 10, 20);
            meter.read(row, 0);
            assertThat(row[0]).isCloseTo(25.0, within(1e-9));

            // interval 2: package +40 J, busy +100, tree +100 (worker exited after its last read: kept) -> all 40 J
            PowercapTrees.zone(powercap, "intel-rapl:0", "package-0", 1_140_000_000L);
            proc.exit(101);
            proc.process(100, "engine", 1, 220, 10);
            proc.systemStat(1200, 20, 50, 10, 20);
            meter.read(row, 0);
            assertThat(row[0]).isCloseTo(65.0, within(1e-9));

            // interval 3: package +10 J but no busy time at all: nothing attributed
            PowercapTrees.zone(powercap, "intel-rapl:0", "package-0", 1_150_000_000L);
            meter.read(row, 0);
            assertThat(row[0]).isCloseTo(65.0, within(1e-9));
        }
    }
}
