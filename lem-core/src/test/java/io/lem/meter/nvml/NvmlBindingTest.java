package io.lem.meter.nvml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import io.lem.testkit.NvmlStub;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFM binding against the C stub: symbols, struct layouts as gcc lays them out, codes and messages. */
class NvmlBindingTest {

    @Test
    void javaLayoutsMatchTheCompiledStructs() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        assertThat(NvmlLayouts.MEMORY.byteSize()).isEqualTo(stub.sizeOf("nvmlMemory_t")).isEqualTo(24);
        assertThat(NvmlLayouts.UTILIZATION.byteSize()).isEqualTo(stub.sizeOf("nvmlUtilization_t")).isEqualTo(8);
        assertThat(NvmlLayouts.FIELD_VALUE.byteSize()).isEqualTo(stub.sizeOf("nvmlFieldValue_t")).isEqualTo(40);
        assertThat(NvmlLayouts.FIELD_VALUE_OFFSET).isEqualTo(stub.sizeOf("nvmlFieldValue_t.value")).isEqualTo(32);
        assertThat(NvmlLayouts.PCI_INFO.byteSize()).isEqualTo(stub.sizeOf("nvmlPciInfo_t")).isEqualTo(68);
        assertThat(stub.sizeOf("nvmlPciInfo_t.busId")).isEqualTo(36);
    }

    @Test
    void bindsSystemAndDeviceQueries() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        try (Nvml nvml = Nvml.load(stub.library().toString())) {
            nvml.init();
            assertThat(nvml.driverVersion()).isEqualTo("550.54.15");
            assertThat(nvml.nvmlVersion()).isEqualTo("12.550.54.15");
            assertThat(nvml.deviceCount()).isEqualTo(2);
            MemorySegment gpu1 = nvml.handle(1);
            assertThat(nvml.name(gpu1)).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(nvml.uuid(gpu1)).isEqualTo("GPU-11f2e3d4-0000-1111-2222-333344445551");
            // busIdLegacy holds "LEGACY:01": reading at offset 0 instead of 36 would show it
            assertThat(nvml.pciBusId(gpu1)).isEqualTo("00000000:1A:00.0");
            assertThat(nvml.clocksEventReasonsSymbol()).isEqualTo("nvmlDeviceGetCurrentClocksEventReasons");
            nvml.shutdown();
        }
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void memoryAndUtilisationStructsAreReadAtTheirOffsets() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.memory(0, 85_520_809_984L, 3_000_000_007L);
        stub.utilization(0, 91, 37);
        try (Nvml nvml = Nvml.load(stub.library().toString()); Arena arena = Arena.ofConfined()) {
            nvml.init();
            MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY);
            MemorySegment utilization = arena.allocate(NvmlLayouts.UTILIZATION);
            assertThat(nvml.memoryInfo(nvml.handle(0), memory)).isZero();
            assertThat(memory.get(JAVA_LONG, 0)).isEqualTo(85_520_809_984L);
            assertThat(memory.get(JAVA_LONG, 8)).isEqualTo(85_520_809_984L - 3_000_000_007L);
            assertThat(memory.get(JAVA_LONG, 16)).isEqualTo(3_000_000_007L);
            assertThat(nvml.utilizationRates(nvml.handle(0), utilization)).isZero();
            assertThat(utilization.get(JAVA_INT, 0)).isEqualTo(91);
            assertThat(utilization.get(JAVA_INT, 4)).isEqualTo(37);
            nvml.shutdown();
        }
    }

    /** Every member of the value union; the stub fills timestamp and latency with other numbers around it. */
    @ParameterizedTest
    @CsvSource({"0, 312345.5", "1, 312345", "2, 312345", "3, 312345", "4, 312345", "5, 312345", "6, 61234"})
    void fieldValueUnionIsReadByItsType(int valueType, double mw) throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.instantPower(0, valueType, mw);
        try (Nvml nvml = Nvml.load(stub.library().toString()); Arena arena = Arena.ofConfined()) {
            nvml.init();
            MemorySegment field = arena.allocate(NvmlLayouts.FIELD_VALUE);
            assertThat(GpuInventory.instantPowerCode(nvml, nvml.handle(0), field)).isEqualTo(NvmlReturn.SUCCESS);
            assertThat(stub.lastFieldId()).isEqualTo(186);
            assertThat(field.get(JAVA_LONG, 8)).isEqualTo(1_700_000_000_123_456L);
            assertThat(field.get(JAVA_LONG, 16)).isEqualTo(777);
            assertThat(NvmlLayouts.fieldValue(field)).isEqualTo(mw);
            nvml.shutdown();
        }
    }

    @Test
    void perFieldReturnCodeIsHonoured() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("NVML_FI_DEV_POWER_INSTANT", 1, NvmlReturn.NOT_SUPPORTED);
        try (Nvml nvml = Nvml.load(stub.library().toString()); Arena arena = Arena.ofConfined()) {
            nvml.init();
            MemorySegment field = arena.allocate(NvmlLayouts.FIELD_VALUE);
            assertThat(GpuInventory.instantPowerCode(nvml, nvml.handle(0), field)).isEqualTo(NvmlReturn.SUCCESS);
            assertThat(GpuInventory.instantPowerCode(nvml, nvml.handle(1), field))
                    .isEqualTo(NvmlReturn.NOT_SUPPORTED);
            nvml.shutdown();
        }
    }

    @Test
    void failuresNameTheFunctionTheCodeAndNvmlsText() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlDeviceGetUUID", 0, NvmlReturn.GPU_IS_LOST);
        try (Nvml nvml = Nvml.load(stub.library().toString())) {
            nvml.init();
            MemorySegment gpu0 = nvml.handle(0);
            assertThatThrownBy(() -> nvml.uuid(gpu0)).isInstanceOfSatisfying(NvmlException.class, e -> {
                assertThat(e.function()).isEqualTo("nvmlDeviceGetUUID");
                assertThat(e.code()).isEqualTo(15);
                assertThat(e).hasMessage("nvmlDeviceGetUUID returned NVML_ERROR_GPU_IS_LOST (15): GPU is lost");
            });
            nvml.shutdown();
        }
    }

    @Test
    void aSymbolTheDriverLacksAnswersFunctionNotFound() throws Throwable {
        NvmlStub stub = NvmlStub.legacy();
        try (Nvml nvml = Nvml.load(stub.library().toString()); Arena arena = Arena.ofConfined()) {
            nvml.init();
            assertThat(nvml.exports("nvmlDeviceGetTotalEnergyConsumption")).isFalse();
            assertThat(nvml.totalEnergyConsumption(nvml.handle(0), arena.allocate(JAVA_LONG)))
                    .isEqualTo(NvmlReturn.FUNCTION_NOT_FOUND);
            assertThat(nvml.clocksEventReasonsSymbol()).isEqualTo("nvmlDeviceGetCurrentClocksThrottleReasons");
            MemorySegment reasons = arena.allocate(JAVA_LONG);
            assertThat(nvml.clocksEventReasons(nvml.handle(0), reasons)).isZero();
            assertThat(reasons.get(JAVA_LONG, 0)).isEqualTo(0x4L | (1L << 40));
            nvml.shutdown();
        }
    }

    @Test
    void aMissingLibraryIsLibraryNotFound() {
        assertThatThrownBy(() -> Nvml.load("/nonexistent/libnvidia-ml.so.1"))
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.code()).isEqualTo(NvmlReturn.LIBRARY_NOT_FOUND);
                    assertThat(e).hasMessageStartingWith("/nonexistent/libnvidia-ml.so.1 not found");
                });
    }
}
