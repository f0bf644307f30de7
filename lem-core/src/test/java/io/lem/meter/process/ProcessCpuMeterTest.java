package io.lem.meter.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import io.lem.meter.CpuInfo;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.testkit.FakeProc;
import io.lem.meter.MeterException;
import io.lem.meter.SysfsReader;
import io.lem.meter.TdpTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessCpuMeterTest {

    private static final CpuInfo EPYC = new CpuInfo("AMD EPYC 8024P 8-Core Processor", 16, 16, 1);

    @TempDir
    Path tmp;

    @Test
    void statParsesCommWithSpacesAndParentheses() {
        ProcStat s = ProcStat.parse(FakeProc.statLine(4242, "llama (server) ) x", 17, 1234, 56, 98765));
        assertThat(s).isEqualTo(new ProcStat(4242, "llama (server) ) x", 17, 1234, 56, 98765));
        assertThat(s.cpuTicks()).isEqualTo(1290);
    }

    @Test
    void treeSumsDescendantsKeepsExitedChildrenAndNeverGoesBack() throws Exception {
        FakeProc proc = new FakeProc(tmp.resolve("proc"));
        proc.process(100, "engine", 1, 50, 10);
        proc.process(101, "worker (1)", 100, 20, 5);
        proc.process(102, "helper) (x", 101, 7, 3);
        proc.process(200, "unrelated", 1, 999, 999);
        proc.process(300, "child of unrelated", 200, 5, 5);
        ProcessTreeCpu tree = new ProcessTreeCpu(proc.root(), 100, SysfsReader.files(), 0, System::nanoTime);
        assertThat(tree.readTicks()).isEqualTo(95);
        assertThat(tree.memberCount()).isEqualTo(3);

        proc.exit(102);
        proc.process(100, "engine", 1, 60, 10);
        assertThat(tree.readTicks()).as("exited grandchild keeps its 10 ticks").isEqualTo(105);

        proc.process(102, "reused pid", 101, 1, 0, 999_999); // same pid, new process (new start time)
        assertThat(tree.readTicks()).isEqualTo(106);

        proc.process(101, "worker (1)", 100, 10, 5); // a counter that seems to drop must not drop the total
        assertThat(tree.readTicks()).isEqualTo(106);
    }

    @Test
    void betweenScansOnlyKnownMembersAreReadAndNewChildrenWaitForTheNextScan() throws Exception {
        FakeProc proc = new FakeProc(tmp.resolve("proc"));
        proc.process(100, "engine", 1, 50, 10);
        proc.process(101, "worker", 100, 20, 5);
        long[] now = {0};
        ProcessTreeCpu tree = new ProcessTreeCpu(proc.root(), 100, SysfsReader.files(), 1_000, () -> now[0]);
        assertThat(tree.readTicks()).isEqualTo(85);

        now[0] = 500; // before the next scan: members re-read, a new child not seen yet
        proc.process(100, "engine", 1, 60, 10);
        proc.process(102, "late child", 100, 4, 0);
        assertThat(tree.readTicks()).isEqualTo(95);
        assertThat(tree.memberCount()).isEqualTo(2);

        proc.exit(101); // a member that exits between scans keeps its time
        assertThat(tree.readTicks()).isEqualTo(95);
        assertThat(tree.memberCount()).isEqualTo(1);

        now[0] = 1_000; // the scan finds the late child
        assertThat(tree.readTicks()).isEqualTo(99);
        assertThat(tree.memberCount()).isEqualTo(2);
    }

    @Test
    void estimateIsCpuSecondsTimesTdpPerLogicalCpu() throws Exception {
        FakeProc proc = new FakeProc(tmp.resolve("proc"));
        proc.process(100, "engine", 1, 50, 10);
        CpuPowerModel model = CpuPowerModel.forCpu(EPYC, TdpTable.bundled());
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(90.0 / 16);
        try (ProcessCpuMeter meter = ProcessCpuMeter.open(proc.root(), 100, model, SysfsReader.files())) {
            Domain d = meter.domains().getFirst();
            assertThat(d.id()).isEqualTo("process:100");
            assertThat(d.kind()).isEqualTo(DomainKind.PROCESS);
            assertThat(d.estimated()).isTrue();
            assertThat(d.method()).isEqualTo("estimate");
            assertThat(d.source()).contains("5.625 W/logical CPU (bare metal: AMD EPYC 8024P TDP 90 W / 16 logical CPUs")
                    .contains(CpuPowerModel.VALIDATION_ERROR);
            double[] row = new double[1];
            meter.read(row, 0);
            assertThat(row[0]).isZero();
            proc.process(100, "engine", 1, 150, 60); // +150 ticks = 1.5 s
            meter.read(row, 0);
            assertThat(row[0]).isCloseTo(1.5 * 5.625, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(meter.describe()).startsWith("estimate: 1.5 s CPU x 5.625 W/logical CPU (bare metal: AMD EPYC 8024P");
        }
    }

    @Test
    void unknownCpuUsesTheStatedDefault() {
        CpuPowerModel model = CpuPowerModel.forCpu(new CpuInfo("AMD EPYC", 2, 2, 1), TdpTable.bundled());
        assertThat(model.fromTable()).isFalse();
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(CpuPowerModel.DEFAULT_W_PER_LOGICAL_CPU);
        assertThat(model.describe()).contains("'AMD EPYC' not in CodeCarbon's TDP table: default 4 W");
    }

    @Test
    void missingPidSaysSo() {
        assertThatThrownBy(() -> ProcessCpuMeter.open(tmp, 4242,
                CpuPowerModel.forCpu(EPYC, TdpTable.bundled()), SysfsReader.files()))
                .isInstanceOf(MeterException.class).hasMessageContaining("process 4242 not found under " + tmp);
    }

    @Test
    void realProcSelfEnergyRisesWhenTheJvmBurnsCpu() throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        CpuPowerModel model = CpuPowerModel.forCpu(CpuInfo.read(Path.of("/proc/cpuinfo")), TdpTable.bundled());
        try (ProcessCpuMeter meter = ProcessCpuMeter.open(Path.of("/proc"), pid, model, SysfsReader.files())) {
            double[] row = new double[1];
            meter.read(row, 0);
            double before = row[0];
            AtomicBoolean stop = new AtomicBoolean();
            Thread burner = Thread.ofPlatform().start(() -> {
                long x = 0;
                while (!stop.get()) {
                    x += System.nanoTime() % 7;
                }
                assertThat(x).isNotNegative();
            });
            Thread.sleep(300);
            stop.set(true);
            burner.join();
            meter.read(row, 0);
            assertThat(row[0]).isGreaterThan(before);
        }
    }
}
