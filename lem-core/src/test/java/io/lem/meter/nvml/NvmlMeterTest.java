package io.lem.meter.nvml;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import io.lem.testkit.NvmlStub;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link NvmlMeter} reading the C stub: domain choice, units, gauges, degradation and failures. */
class NvmlMeterTest {

    private static final List<String> GAUGES = List.of("power_w", "power_instant_w", "temperature_c", "sm_util_pct", "mem_util_pct",
            "sm_clock_mhz", "mem_clock_mhz", "throttle_reasons", "memory_used_bytes");

    private static double[] read(NvmlMeter meter) throws MeterException {
        double[] row = new double[meter.domains().size() + 1];
        meter.read(row, 1);
        return row;
    }

    private static int at(NvmlMeter meter, String id) {
        return 1 + meter.domains().stream().map(Domain::id).toList().indexOf(id);
    }

    @Test
    void energyCounterGivesJoulesSinceOpenAndGaugesReadTheirUnits() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.energyMj(0, 5_000_000);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.domains()).extracting(Domain::id).containsExactly(
                    "gpu0", "gpu0:power_w", "gpu0:power_instant_w", "gpu0:temperature_c", "gpu0:sm_util_pct", "gpu0:mem_util_pct",
                    "gpu0:sm_clock_mhz", "gpu0:mem_clock_mhz", "gpu0:throttle_reasons", "gpu0:memory_used_bytes",
                    "gpu1", "gpu1:power_w", "gpu1:power_instant_w", "gpu1:temperature_c", "gpu1:sm_util_pct", "gpu1:mem_util_pct",
                    "gpu1:sm_clock_mhz", "gpu1:mem_clock_mhz", "gpu1:throttle_reasons", "gpu1:memory_used_bytes");
            Domain gpu0 = meter.domains().getFirst();
            assertThat(gpu0.quantity()).isEqualTo(Quantity.ENERGY_J);
            assertThat(gpu0.kind()).isEqualTo(DomainKind.GPU);
            assertThat(gpu0.method()).isEqualTo("counter");
            assertThat(gpu0.source()).contains("nvmlDeviceGetTotalEnergyConsumption", "00000000:19:00.0");
            assertThat(meter.domains()).filteredOn(d -> d.id().contains(":"))
                    .allSatisfy(d -> assertThat(d.quantity()).isEqualTo(Quantity.GAUGE));

            stub.energyMj(0, 5_250_500);
            double[] row = read(meter);
            assertThat(row[at(meter, "gpu0")]).isEqualTo(250.5);
            assertThat(row[at(meter, "gpu1")]).isZero();
            // both power readings, each from its own NVML call: the driver's average and the instant field
            assertThat(row[at(meter, "gpu0:power_w")]).isEqualTo(250.0);
            assertThat(row[at(meter, "gpu1:power_w")]).isEqualTo(250.001);
            assertThat(row[at(meter, "gpu0:power_instant_w")]).isEqualTo(310.0);
            assertThat(row[at(meter, "gpu1:power_instant_w")]).isEqualTo(310.001);
            assertThat(meter.domains().get(at(meter, "gpu0:power_w") - 1).source())
                    .contains("nvmlDeviceGetPowerUsage", "1 s average");
            assertThat(meter.domains().get(at(meter, "gpu0:power_instant_w") - 1).source())
                    .contains("NVML_FI_DEV_POWER_INSTANT");
            assertThat(row[at(meter, "gpu0:temperature_c")]).isEqualTo(55);
            assertThat(row[at(meter, "gpu0:sm_util_pct")]).isEqualTo(87);
            assertThat(row[at(meter, "gpu0:mem_util_pct")]).isEqualTo(42);
            assertThat(row[at(meter, "gpu0:sm_clock_mhz")]).isEqualTo(1980);
            assertThat(row[at(meter, "gpu0:mem_clock_mhz")]).isEqualTo(2619);
            assertThat(row[at(meter, "gpu0:throttle_reasons")]).isEqualTo(0x4 + 0x100_0000_0000L);
            assertThat(row[at(meter, "gpu0:memory_used_bytes")]).isEqualTo(12_345_678_901.0);
            assertThat(row[0]).isZero(); // the offset is respected
        }
        assertThat(stub.initCount()).isZero();
    }

    /** Random increments, with now and then a lower reading (driver reload): J = sum of the rises, never less. */
    @RepeatedTest(20)
    void energyIsTheSumOfRisesAndNeverGoesBackwards(RepetitionInfo repetition) throws Throwable {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        NvmlStub stub = NvmlStub.current();
        stub.deviceCount(1);
        long raw = random.nextLong(0, 1L << 50);
        stub.energyMj(0, raw);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            long expectedMj = 0;
            long backwards = 0;
            double previousJ = 0;
            for (int i = 0; i < 200; i++) {
                long next;
                if (raw > 0 && random.nextInt(25) == 0) {
                    next = random.nextLong(0, raw);
                    backwards++;
                } else {
                    next = raw + random.nextLong(0, 100_000);
                    expectedMj += next - raw;
                }
                raw = next;
                stub.energyMj(0, raw);
                double j = read(meter)[at(meter, "gpu0")];
                assertThat(j).isGreaterThanOrEqualTo(previousJ);
                previousJ = j;
            }
            assertThat(previousJ).isCloseTo(expectedMj / 1000.0, within(1e-6));
            assertThat(meter.counterBackwardSteps()).isEqualTo(backwards);
        }
    }

    @Test
    void withoutTheCounterAGpuFallsBackToPowerAndSaysWhy() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlDeviceGetTotalEnergyConsumption", 1, NvmlReturn.NOT_SUPPORTED);
        stub.powerMw(1, 123_456);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.domains().get(at(meter, "gpu0") - 1).quantity()).isEqualTo(Quantity.ENERGY_J);
            Domain gpu1 = meter.domains().get(at(meter, "gpu1") - 1);
            assertThat(gpu1.quantity()).isEqualTo(Quantity.POWER_W);
            assertThat(gpu1.method()).isEqualTo("power-integration");
            assertThat(gpu1.source()).contains("nvmlDeviceGetPowerUsage", "1 s average on Ampere");
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).startsWith("gpu1: no energy counter")
                    .contains("NVML_ERROR_NOT_SUPPORTED (3): Not Supported", "smears windows"));
            assertThat(meter.gpus().get(1).energyCounterSupported()).isFalse();
            assertThat(read(meter)[at(meter, "gpu1")]).isEqualTo(123.456);
        }
    }

    @Test
    void aGpuWithNeitherCounterNorPowerIsLeftOutAndNamed() throws Throwable {
        NvmlStub stub = NvmlStub.legacy();
        stub.fail("nvmlDeviceGetPowerUsage", 0, NvmlReturn.NOT_SUPPORTED);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.gpus()).extracting(GpuInfo::index).containsExactly(1);
            assertThat(meter.notes()).contains("gpu0 left out: neither energy counter nor power reading"
                    + " (nvmlDeviceGetPowerUsage for gpu0 returned NVML_ERROR_NOT_SUPPORTED (3): Not Supported)");
        }
        stub.fail("nvmlDeviceGetPowerUsage", 1, NvmlReturn.NOT_SUPPORTED);
        assertThatThrownBy(() -> NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))).isInstanceOf(MeterException.class)
                .hasMessageStartingWith("no GPU can be measured: gpu0 left out");
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void aLegacyDriverIsMeasuredByPowerWithTheOldThrottleSymbol() throws Throwable {
        NvmlStub stub = NvmlStub.legacy();
        stub.powerMw(0, 99_500);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.domains()).filteredOn(d -> !d.id().contains(":"))
                    .allSatisfy(d -> assertThat(d.quantity()).isEqualTo(Quantity.POWER_W));
            Domain powerGauge = meter.domains().get(at(meter, "gpu0:power_w") - 1);
            assertThat(powerGauge.source()).contains("nvmlDeviceGetPowerUsage");
            assertThat(meter.domains().get(at(meter, "gpu0:throttle_reasons") - 1).source())
                    .contains("nvmlDeviceGetCurrentClocksThrottleReasons");
            assertThat(meter.gpus()).allSatisfy(g -> {
                assertThat(g.instantPowerSupported()).isFalse();
                assertThat(g.migEnabled()).isFalse(); // no nvmlDeviceGetMigMode: no MIG, not unknown
            });
            double[] row = read(meter);
            assertThat(row[at(meter, "gpu0")]).isEqualTo(99.5);
            assertThat(row[at(meter, "gpu0:power_w")]).isEqualTo(99.5);
            assertThat(meter.domains()).extracting(Domain::id).doesNotContain("gpu0:power_instant_w");
        }
    }

    @Test
    void aGaugeUnsupportedAtOpenIsOmittedAndOneFailingLaterReadsNaN() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlDeviceGetTemperature", 1, NvmlReturn.NOT_SUPPORTED);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.domains()).extracting(Domain::id)
                    .contains("gpu0:temperature_c").doesNotContain("gpu1:temperature_c");
            assertThat(meter.notes()).contains("gpu1:temperature_c omitted: nvmlDeviceGetTemperature returned"
                    + " NVML_ERROR_NOT_SUPPORTED (3): Not Supported");
            stub.fail("nvmlDeviceGetClockInfo", 0, NvmlReturn.GPU_IS_LOST);
            double[] row = read(meter);
            assertThat(row[at(meter, "gpu0:sm_clock_mhz")]).isNaN();
            assertThat(row[at(meter, "gpu0:mem_clock_mhz")]).isNaN();
            assertThat(row[at(meter, "gpu1:sm_clock_mhz")]).isEqualTo(1980);
        }
    }

    @Test
    void instantPowerUnsupportedLeavesOnlyTheAveragedGauge() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("NVML_FI_DEV_POWER_INSTANT", 0, NvmlReturn.NOT_SUPPORTED);
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            assertThat(meter.gpus()).extracting(GpuInfo::instantPowerSupported).containsExactly(false, true);
            assertThat(meter.domains()).extracting(Domain::id)
                    .doesNotContain("gpu0:power_instant_w").contains("gpu1:power_instant_w");
            assertThat(meter.notes()).contains("gpu0:power_instant_w omitted: nvmlDeviceGetFieldValues returned"
                    + " NVML_ERROR_NOT_SUPPORTED (3): Not Supported");
            stub.powerMw(1, 275_500);
            stub.instantPower(1, 1, 401_000);
            double[] row = read(meter);
            assertThat(row[at(meter, "gpu0:power_w")]).isEqualTo(250.0);
            assertThat(row[at(meter, "gpu1:power_w")]).isEqualTo(275.5);
            assertThat(row[at(meter, "gpu1:power_instant_w")]).isEqualTo(401.0);
        }
    }

    @Test
    void aFailingEnergyReadFailsTheRowWithNvmlsWords() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            stub.fail("nvmlDeviceGetTotalEnergyConsumption", 1, NvmlReturn.GPU_IS_LOST);
            assertThatThrownBy(() -> read(meter)).isInstanceOf(NvmlException.class).hasMessage(
                    "nvmlDeviceGetTotalEnergyConsumption for gpu1 returned NVML_ERROR_GPU_IS_LOST (15): GPU is lost");
        }
    }

    @Test
    void describesEachGpuForTheResult() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.mig(1, true);
        List<GpuInfo> gpus = GpuInventory.list(new NvmlOptions(stub.library().toString(), List.of(), Map.of()));
        assertThat(gpus).hasSize(2);
        GpuInfo gpu1 = gpus.get(1);
        assertThat(gpu1).isEqualTo(new GpuInfo(1, "NVIDIA H100 80GB HBM3", "GPU-11f2e3d4-0000-1111-2222-333344445551",
                "00000000:1A:00.0", "550.54.15", "12.550.54.15", 85_520_809_984L, 700.0, 700.0, true, true, true,
                true));
        assertThat(gpu1.toJson()).containsEntry("pci_bus_id", "00000000:1A:00.0").containsEntry("mig_enabled", true)
                .containsEntry("power_limit_w", 700.0).containsEntry("domain", "gpu1")
                .containsKeys("energy_counter_supported", "instant_power_supported", "memory_total_bytes");
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void unansweredDescriptionsAreNullNotInvented() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlDeviceGetPowerManagementLimit", 0, NvmlReturn.NOT_SUPPORTED);
        stub.fail("nvmlDeviceGetPersistenceMode", 0, NvmlReturn.NOT_SUPPORTED);
        stub.fail("nvmlDeviceGetMigMode", 0, NvmlReturn.GPU_IS_LOST);
        GpuInfo gpu0 = GpuInventory.list(new NvmlOptions(stub.library().toString(), List.of(), Map.of())).getFirst();
        assertThat(gpu0.powerLimitW()).isNull();
        assertThat(gpu0.persistenceMode()).isNull();
        assertThat(gpu0.migEnabled()).isNull();
        assertThat(gpu0.defaultPowerLimitW()).isEqualTo(700.0);
    }

    @Test
    void gaugesNeverCountAsEnergy() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))) {
            for (String suffix : GAUGES) {
                assertThat(meter.domains().get(at(meter, "gpu0:" + suffix) - 1).method()).isEqualTo("gauge");
            }
        }
    }
}
