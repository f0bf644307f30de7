package io.lem.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import io.lem.time.Clock;
import io.lem.meter.CpuInfo;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.process.ProcessCpuMeter;
import io.lem.meter.SysfsReader;
import io.lem.meter.TdpTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.lem.analysis.PowerSummary;

/** Real child processes and the real /proc; the powercap root is an empty dir so RAPL is absent everywhere. */
class PowerMeasureTest {

    @TempDir
    Path noPowercap;

    private PowerMeasure measure(List<String> meters, double baselineS) {
        MeterContext context = new MeterContext(noPowercap.resolve("none"), Path.of("/proc"), OptionalInt.empty(), null,
                SysfsReader.files());
        return new PowerMeasure(MeterSelector.withDiscoveredProviders(), context, meters, 0.05, baselineS,
                Clock.system());
    }

    @Test
    void aCpuBoundCommandIsChargedItsWholeCpuTimeAndItsExitCodeIsKept() throws Exception {
        PowerMeasure.Result r = measure(List.of("auto"), 0.3)
                .run(List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exit 7"));

        assertThat(r.exitCode()).isEqualTo(7);
        PowerSummary.DomainFigure process = r.summary().domain("process:" + r.pid());
        assertThat(process).as(r.notes().toString()).isNotNull();
        assertThat(process.domain().estimated()).isTrue();
        CpuPowerModel model = CpuPowerModel.forCpu(CpuInfo.read(Path.of("/proc/cpuinfo")), TdpTable.bundled());
        // 200,000 shell iterations take well over one 10 ms tick on any machine
        assertThat(process.energyJ()).isGreaterThanOrEqualTo(model.energyJ(1.0 / ProcessCpuMeter.CLOCK_TICKS_PER_S));
        assertThat(r.summary().figures().llmEnergyJ()).isEqualTo(process.energyJ());
        assertThat(r.idlePowerW()).containsKey("cpu-host-estimate");
        // host-estimate counts the whole machine's busy time: another process busy during the 0.3 s baseline can
        // make the idle power exceed the command's, so the active figure is either >= 0 or null with a negative raw
        io.lem.analysis.ActiveEnergy active = r.summary().totalActive();
        assertThat(active.rawJ()).isCloseTo(r.summary().figures().totalEnergyJ()
                - r.summary().idleTotalPowerW() * r.summary().durationS(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(active.valid() ? active.energyJ() >= 0 : Double.isNaN(active.energyJ()) && active.rawJ() < 0).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.contains(CpuPowerModel.VALIDATION_ERROR));
        assertThat(r.notes()).noneMatch(n -> n.contains("failed reads"));
    }

    @Test
    void aSleepingCommandUsesAlmostNoCpu() throws Exception {
        PowerMeasure.Result r = measure(List.of("host-estimate", "process"), 0).run(List.of("sleep", "0.3"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.wallS()).isGreaterThanOrEqualTo(0.3);
        CpuPowerModel model = CpuPowerModel.forCpu(CpuInfo.read(Path.of("/proc/cpuinfo")), TdpTable.bundled());
        assertThat(r.summary().domain("process:" + r.pid()).energyJ())
                .isLessThanOrEqualTo(model.energyJ(3.0 / ProcessCpuMeter.CLOCK_TICKS_PER_S));
        assertThat(r.summary().totalActive().energyJ()).isNaN();
        assertThat(r.notes()).anyMatch(n -> n.contains("no baseline"));
    }

    @Test
    void aMissingCommandExitsLikeTheShellSays() throws Exception {
        PowerMeasure.Result r = measure(List.of("host-estimate"), 0).run(List.of("/nonexistent/lem-no-such-command"));
        assertThat(r.exitCode()).isEqualTo(127);
    }

    @Test
    void anUnavailableExplicitMeterFailsBeforeAnythingRuns() {
        assertThatThrownBy(() -> measure(List.of("rapl"), 0.1).run(List.of("true")))
                .isInstanceOf(MeterException.class).hasMessageContaining("rapl");
    }
}
