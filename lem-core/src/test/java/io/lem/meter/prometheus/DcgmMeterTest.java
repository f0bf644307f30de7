package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.lem.testkit.MetricsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DcgmMeterTest {

    private static final String DUMP = PrometheusTextTest.fixture("dcgm_exporter_datadog_fixture_metrics.txt");
    private static final String ENERGY_PREFIX = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"0\"";
    private static final String POWER_PREFIX = "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"";

    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MetricsServer(DUMP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The real T4 dump with gpu 0's energy counter (mJ) and power (W) replaced. */
    private static String dump(long energyMj, double powerW) {
        return Arrays.stream(DUMP.split("\n", -1)).map(line -> {
            if (line.startsWith(ENERGY_PREFIX)) {
                return line.substring(0, line.lastIndexOf(' ')) + " " + energyMj;
            }
            if (line.startsWith(POWER_PREFIX)) {
                return line.substring(0, line.lastIndexOf(' ')) + " " + powerW;
            }
            return line;
        }).reduce((a, b) -> a + "\n" + b).orElseThrow();
    }

    private Meter open() throws MeterException {
        return new DcgmProvider(Map.of("LEM_DCGM_URL", server.url(), "LEM_DCGM_INTERVAL_S", "0.1"), Clock.system())
                .open(MeterContext.system());
    }

    private static double[] read(Meter meter) throws MeterException {
        double[] row = new double[meter.domains().size()];
        meter.read(row, 0);
        return row;
    }

    @Test
    void energyCounterInJoulesSinceOpenAndPowerAsAGauge() throws Exception {
        try (Meter meter = open()) {
            assertThat(meter.domains()).extracting(Domain::id, Domain::kind, Domain::quantity).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("gpu0", DomainKind.GPU, Quantity.ENERGY_J),
                    org.assertj.core.groups.Tuple.tuple("gpu0:power_w", DomainKind.GPU, Quantity.GAUGE));
            assertThat(Await.fresh(() -> read(meter))).containsExactly(0, 8.969);

            server.body(dump(128_996_013 + 2_500, 70.5));
            Await.until("2.5 J", () -> read(meter)[0] == 2.5);
            assertThat(Await.fresh(() -> read(meter))[1]).isEqualTo(70.5);

            // the driver reloads: the counter restarts near zero; nothing is subtracted, the new count is added
            server.body(dump(1_000, 60));
            Await.until("3.5 J after the reset", () -> read(meter)[0] == 3.5);
            server.body(dump(1_750, 60));
            Await.until("4.25 J", () -> read(meter)[0] == 4.25);
        }
    }

    @Test
    void aGpuWithoutEnergyCounterGetsItsPowerAsThePowerDomain() throws Exception {
        server.body("""
                # TYPE DCGM_FI_DEV_POWER_USAGE gauge
                DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-b",modelName="Tesla P100"} 31.5
                DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",modelName="Tesla P100"} 30.25
                # TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter
                DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu="1",UUID="GPU-b",modelName="Tesla P100"} 5000
                """);
        try (Meter meter = open()) {
            assertThat(meter.domains()).extracting(Domain::id, Domain::quantity).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("gpu0", Quantity.POWER_W),
                    org.assertj.core.groups.Tuple.tuple("gpu1", Quantity.ENERGY_J),
                    org.assertj.core.groups.Tuple.tuple("gpu1:power_w", Quantity.GAUGE));
            assertThat(Await.fresh(() -> read(meter))).containsExactly(30.25, 0, 31.5);
        }
    }

    @Test
    void anExporterWithoutTheFieldsIsRefusedWithTheFix() {
        server.body(PrometheusTextTest.fixture("vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt"));
        assertThatThrownBy(this::open).isInstanceOf(MeterException.class)
                .hasMessageContaining("has no DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION or DCGM_FI_DEV_POWER_USAGE")
                .hasMessageContaining("counters file");
    }

    @Test
    void aGpuVanishingFromTheScrapeMakesReadsStale() throws Exception {
        try (Meter meter = open()) {
            server.body(PrometheusTextTest.fixture("sglang_datadog_fixture_metrics.txt"));
            Await.until("a stale read", () -> {
                try {
                    read(meter);
                    return false;
                } catch (MeterException e) {
                    return e.getMessage().contains("no DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION sample for gpu 0");
                }
            });
        }
    }

    @Test
    void autoUsesDcgmOnlyWhenConfigured() throws Exception {
        MeterSelector unconfigured = new MeterSelector(List.of(new DcgmProvider(Map.of(), Clock.system())));
        try (MeterSelection s = unconfigured.select(List.of("auto"), MeterContext.system())) {
            assertThat(s.meters()).isEmpty();
            assertThat(s.status("dcgm").orElseThrow().fix()).contains("LEM_DCGM_URL=http://127.0.0.1:9400/metrics");
        }
        MeterSelector configured = new MeterSelector(List.of(new DcgmProvider(
                Map.of("LEM_DCGM_URL", server.url()), Clock.system())));
        try (MeterSelection s = configured.select(List.of("auto"), MeterContext.system())) {
            assertThat(s.domains()).extracting(Domain::id).containsExactly("gpu0", "gpu0:power_w");
            assertThat(s.status("dcgm").orElseThrow().reason()).contains("energy counter for 1 GPU(s)");
        }
    }
}
