package io.lem.meter.nvml;

import io.lem.analysis.DomainPolicy;
import io.lem.analysis.EnergyTotals;
import io.lem.time.Clock;
import io.lem.meter.CpuInfo;
import io.lem.meter.process.HostEstimateProvider;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.rapl.RaplProvider;
import io.lem.meter.SysfsReader;
import io.lem.testkit.MetricsServer;
import io.lem.meter.prometheus.ScaphandreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import io.lem.testkit.NvmlStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auto} with a real Scaphandre dump served on loopback and the NVML stub: the domains auto opens, and the
 * totals the domain policy makes of them. Scaphandre's host is CPU-side, so the GPUs must add to it.
 */
class ExporterHostWithGpusAutoTest {

    private static final CpuInfo CPU = new CpuInfo("AMD EPYC 8024P 8-Core Processor", 16, 16, 1);

    @TempDir
    Path tmp;

    private static String scaphandreDump() throws IOException {
        try (InputStream in = ExporterHostWithGpusAutoTest.class.getResourceAsStream(
                "/io/lem/meter/prometheus/scaphandre_datadog_fixture_metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private EnergyTotals autoTotals(Path powercap, NvmlStub stub, MetricsServer server) throws Exception {
        MeterSelector selector = new MeterSelector(List.of(new RaplProvider(), new HostEstimateProvider(),
                new NvmlProvider(new NvmlOptions(stub.library().toString(), List.of(), Map.of())), new ScaphandreProvider(Map.of("LEM_SCAPHANDRE_URL", server.url(),
                "LEM_SCAPHANDRE_INTERVAL_S", "0.1"), Clock.system())));
        MeterContext context = new MeterContext(powercap, Path.of("/proc"), OptionalInt.empty(), CPU,
                SysfsReader.files());
        try (MeterSelection selection = selector.select(List.of("auto"), context)) {
            assertThat(selection.meters()).extracting(Meter::name).contains("nvml", "scaphandre");
            return DomainPolicy.totals(selection.domains());
        }
    }

    @Test
    void withoutLemsOwnRaplTheTotalIsScaphandresHostPlusTheGpus() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        try (MetricsServer server = new MetricsServer(scaphandreDump())) {
            EnergyTotals totals = autoTotals(tmp.resolve("no-powercap"), stub, server);
            assertThat(totals.totalDomainIds()).containsExactly("host", "gpu0", "gpu1");
            assertThat(totals.gpuDomainIds()).containsExactly("gpu0", "gpu1");
            assertThat(totals.totalEstimated()).isFalse();
            assertThat(totals.notes()).anySatisfy(n -> assertThat(n).startsWith("cpu-host-estimate not summed"));
        }
    }

    @Test
    void withLemsOwnRaplThePackagesAreSummedAndScaphandresHostIsNot() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        Path powercap = tmp.resolve("powercap");
        zone(powercap.resolve("intel-rapl:0"), "package-0", 1_000_000);
        zone(powercap.resolve("intel-rapl:0").resolve("intel-rapl:0:0"), "dram", 500_000);
        try (MetricsServer server = new MetricsServer(scaphandreDump())) {
            EnergyTotals totals = autoTotals(powercap, stub, server);
            assertThat(totals.totalDomainIds()).containsExactly("cpu-package0", "dram0", "gpu0", "gpu1");
            assertThat(totals.notes()).anySatisfy(n -> assertThat(n).startsWith("host not summed"));
        }
    }

    private static void zone(Path dir, String name, long energyUj) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("name"), name + "\n");
        Files.writeString(dir.resolve("max_energy_range_uj"), "262143328850\n");
        Files.writeString(dir.resolve("energy_uj"), energyUj + "\n");
    }
}
