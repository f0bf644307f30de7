package io.lem.meter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.rapl.RaplProvider;
import io.lem.meter.process.RaplShareMeter;
import io.lem.meter.process.ProcessCpuMeter;
import io.lem.meter.process.ProcessProvider;
import io.lem.meter.process.HostEstimateProvider;
import io.lem.testkit.PowercapTrees;
import io.lem.testkit.FakeProc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeterSelectorTest {

    private static final CpuInfo EPYC = new CpuInfo("AMD EPYC 8024P 8-Core Processor", 16, 16, 1);

    @TempDir
    Path tmp;

    /** The CPU-side providers only: GPU and exporter providers look at this machine's PATH and env. */
    private final MeterSelector selector = new MeterSelector(List.of(new RaplProvider(), new HostEstimateProvider(),
            ProcessProvider.attributed(), ProcessProvider.estimateOnly()));

    private MeterContext context(Path powercap, SysfsReader reader) throws Exception {
        FakeProc proc = new FakeProc(tmp.resolve("proc"));
        proc.process(100, "engine", 1, 10, 0);
        proc.systemStat(1000, 0, 0, 0, 0);
        return new MeterContext(powercap, proc.root(), OptionalInt.of(100), EPYC, reader);
    }

    @Test
    void autoWithReadableRaplUsesRaplAndTheRaplShare() throws Exception {
        Path powercap = tmp.resolve("powercap");
        PowercapTrees.alumet(powercap, 0);
        try (MeterSelection s = selector.select(List.of("auto"), context(powercap, SysfsReader.files()))) {
            assertThat(s.meters()).extracting(Meter::name).containsExactly("rapl", "host-estimate", "process");
            assertThat(s.meters().get(2)).isInstanceOf(RaplShareMeter.class);
            assertThat(s.status("rapl")).get().extracting(MeterStatus::used).isEqualTo(true);
            assertThat(s.status("process").orElseThrow().reason()).contains("attributed by CPU-time share");
            assertThat(s.status("process-estimate").orElseThrow())
                    .isEqualTo(new MeterStatus("process-estimate", true, false,
                            "not used by auto (request it by name)", null));
            assertThat(s.domains()).extracting(Domain::id).contains("cpu-package0", "dram0", "process:100");
        }
    }

    @Test
    void autoWithoutRaplFallsBackToTheEstimateAndSaysWhy() throws Exception {
        try (MeterSelection s = selector.select(List.of("auto"),
                context(tmp.resolve("no-powercap"), SysfsReader.files()))) {
            assertThat(s.meters()).extracting(Meter::name).containsExactly("host-estimate", "process");
            assertThat(s.meters().get(1)).isInstanceOf(ProcessCpuMeter.class);
            MeterStatus rapl = s.status("rapl").orElseThrow();
            assertThat(rapl.available()).isFalse();
            assertThat(rapl.reason()).contains("not a RAPL machine or RAPL not exposed in this VM");
            assertThat(rapl.fix()).isNull();
            assertThat(s.status("process").orElseThrow().reason()).contains("estimate: CPU time x 5.625 W");
            assertThat(s.domains()).allMatch(Domain::estimated);
        }
    }

    @Test
    void permissionDeniedIsReportedWithTheFix() throws Exception {
        Path powercap = PowercapTrees.kepler(tmp);
        SysfsReader denying = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readString(file);
        };
        MeterContext context = context(powercap, denying);
        try (MeterSelection s = selector.select(List.of("auto"), context)) {
            MeterStatus rapl = s.status("rapl").orElseThrow();
            assertThat(rapl.used()).isFalse();
            assertThat(rapl.reason()).contains("permission denied");
            assertThat(rapl.fix()).contains("sudo chmod a+r");
            assertThat(s.meters()).extracting(Meter::name).containsExactly("host-estimate", "process");
        }
        assertThatThrownBy(() -> selector.select(List.of("rapl"), context))
                .isInstanceOf(MeterException.class)
                .hasMessageContaining("meter 'rapl' is not available: permission denied")
                .hasMessageContaining("sudo chmod a+r");
    }

    @Test
    void badRequestsFailClearly() throws Exception {
        MeterContext context = context(tmp.resolve("no-powercap"), SysfsReader.files());
        assertThatThrownBy(() -> selector.select(List.of("wattmeter"), context))
                .hasMessage("unknown meter 'wattmeter': use 'auto' or one of [rapl, host-estimate, process, process-estimate]");
        assertThatThrownBy(() -> selector.select(List.of("rapl"), context))
                .hasMessageContaining("not a RAPL machine");
        assertThatThrownBy(() -> selector.select(List.of("process", "process-estimate"), context))
                .hasMessageContaining("two meters report domain 'process:100'");
        MeterContext noPid = new MeterContext(context.powercapRoot(), context.procRoot(), OptionalInt.empty(), EPYC,
                SysfsReader.files());
        assertThatThrownBy(() -> selector.select(List.of("process"), noPid)).hasMessageContaining("no engine pid");
    }

    @Test
    void probeOfThisMachineNeedsNoPid() {
        List<MeterStatus> statuses = MeterSelector.withDiscoveredProviders().probe(MeterContext.system());
        assertThat(statuses).extracting(MeterStatus::name).startsWith("rapl", "host-estimate", "nvml", "dcgm",
                "nvidia-smi", "scaphandre", "process", "process-estimate");
        assertThat(statuses).noneMatch(MeterStatus::used);
        assertThat(statuses).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        MeterStatus process = statuses.get(6);
        assertThat(process.available()).isTrue();
        assertThat(process.reason()).contains("needs the engine's pid at run time");
    }
}
