package io.lem.meter.nvml;

import io.lem.meter.Domain;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider.Probe;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.MeterStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Map;
import io.lem.testkit.NvmlStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@code nvml} as {@code lem meters} and the selector see it: availability, reasons, fixes, GPU choice. */
class NvmlProviderTest {

    private static final MeterContext CONTEXT = MeterContext.system();

    @Test
    void onAMachineWithoutTheDriverItIsUnavailableAndSaysToInstallIt() {
        assumeFalse(driverInstalled(), "this machine has libnvidia-ml.so.1: the no-driver case cannot be seen here");
        Probe probe = new NvmlProvider(new NvmlOptions(null, List.of(), Map.of())).probe(CONTEXT);
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason()).startsWith("libnvidia-ml.so.1 not found");
        assertThat(probe.fix()).startsWith("install the NVIDIA driver").contains("LEM_NVML_LIB");
    }

    @Test
    void aWrongLibraryPathPointsAtTheOverride() {
        Probe probe = new NvmlProvider(new NvmlOptions(null, List.of(),
                Map.of(Nvml.LIBRARY_ENV, "/opt/nowhere/libnvidia-ml.so.1"))).probe(CONTEXT);
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason()).startsWith("/opt/nowhere/libnvidia-ml.so.1 not found");
        assertThat(probe.fix()).contains("LEM_NVML_LIB", "'/opt/nowhere/libnvidia-ml.so.1'");
    }

    @Test
    void theEnvironmentVariableLoadsTheStub() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        Probe probe = new NvmlProvider(new NvmlOptions(null, List.of(),
                Map.of(Nvml.LIBRARY_ENV, stub.library().toString()))).probe(CONTEXT);
        assertThat(probe.available()).isTrue();
        assertThat(probe.reason()).startsWith("NVML 12.550.54.15, driver 550.54.15: gpu0 NVIDIA H100 80GB HBM3"
                + " (energy counter, instant power), gpu1 NVIDIA H100 80GB HBM3 (energy counter, instant power)");
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void initFailingIsUnavailableWithNvmlsReasonAndTheFix() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlInit_v2", -1, NvmlReturn.DRIVER_NOT_LOADED);
        NvmlProvider provider = new NvmlProvider(new NvmlOptions(stub.library().toString(), List.of(), Map.of()));
        Probe probe = provider.probe(CONTEXT);
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason())
                .isEqualTo("nvmlInit_v2 returned NVML_ERROR_DRIVER_NOT_LOADED (9): Driver Not Loaded");
        assertThat(probe.fix()).contains("sudo modprobe nvidia");
        assertThatThrownBy(() -> provider.open(CONTEXT)).isInstanceOf(MeterException.class)
                .hasMessageContaining("Driver Not Loaded").hasMessageContaining("Fix: load the NVIDIA kernel driver");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1                                        | gpu1",
        "'1,0'                                    | gpu1 gpu0",
        "'0,7,1'                                  | gpu0",
        "GPU-11f2e3d4                             | gpu1",
        "'GPU-01f2e3d4-0000-1111-2222-333344445550' | gpu0",
        "'GPU-9,0'                                | ''",
    })
    void cudaVisibleDevicesChoosesTheGpus(String visible, String expected) throws Throwable {
        NvmlStub stub = NvmlStub.current();
        NvmlOptions options = new NvmlOptions(stub.library().toString(), List.of(), Map.of(GpuSelection.CUDA_VISIBLE_DEVICES, visible));
        if (expected.isEmpty()) {
            Probe probe = new NvmlProvider(options).probe(CONTEXT);
            assertThat(probe.available()).isFalse();
            assertThat(probe.reason()).contains("no GPU selected", "'GPU-9' names no GPU");
            assertThat(probe.fix()).isEqualTo("unset CUDA_VISIBLE_DEVICES or list a GPU in it");
            return;
        }
        try (NvmlMeter meter = NvmlMeter.open(options)) {
            assertThat(meter.gpus()).extracting(GpuInfo::domainId)
                    .containsExactly(expected.split(" "));
            assertThat(meter.domains()).filteredOn(d -> !d.id().contains(":")).extracting(Domain::id)
                    .containsExactly(expected.split(" "));
        }
    }

    @Test
    void anEmptyCudaVisibleDevicesHidesEveryGpu() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        Probe probe = new NvmlProvider(new NvmlOptions(stub.library().toString(), List.of(), Map.of(GpuSelection.CUDA_VISIBLE_DEVICES, ""))).probe(CONTEXT);
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason()).isEqualTo("no GPU selected: CUDA_VISIBLE_DEVICES='' selects []");
    }

    @Test
    void anExplicitListWinsOverCudaVisibleDevicesAndIsChecked() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        NvmlOptions options = new NvmlOptions(stub.library().toString(), List.of(), Map.of(GpuSelection.CUDA_VISIBLE_DEVICES, "0")).withGpuIndices(List.of(1));
        try (NvmlMeter meter = NvmlMeter.open(options)) {
            assertThat(meter.gpus()).extracting(GpuInfo::index).containsExactly(1);
            assertThat(meter.notes()).contains("GPUs chosen explicitly: [1] (CUDA_VISIBLE_DEVICES ignored)");
        }
        assertThatThrownBy(() -> NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of()).withGpuIndices(List.of(2))))
                .isInstanceOf(MeterException.class)
                .hasMessage("GPU index 2 does not exist: NVML sees 2 GPU(s), indices 0..1; fix the GPU list");
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void migIsReportedNotHidden() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.mig(0, true);
        Probe probe = new NvmlProvider(new NvmlOptions(stub.library().toString(), List.of(), Map.of())).probe(CONTEXT);
        assertThat(probe.reason()).contains("gpu0 has MIG enabled: its energy is the whole GPU's");
        try (NvmlMeter meter = NvmlMeter.open(new NvmlOptions(stub.library().toString(), List.of(), Map.of(GpuSelection.CUDA_VISIBLE_DEVICES,
                "MIG-5c8f0b1e-7a8d-5c2f-9e44-0123456789ab")))) {
            assertThat(meter.gpus()).extracting(GpuInfo::index).containsExactly(0);
            assertThat(meter.gpus().getFirst().migEnabled()).isTrue();
            assertThat(meter.notes()).anySatisfy(n -> assertThat(n).contains("measures every MIG-enabled GPU whole"));
        }
    }

    @Test
    void autoOpensItBesideTheOtherMeters() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        MeterSelector selector = new MeterSelector(List.of(new NvmlProvider(new NvmlOptions(stub.library().toString(), List.of(), Map.of()))));
        try (MeterSelection selection = selector.select(List.of("auto"), CONTEXT)) {
            assertThat(selection.meters()).singleElement().isInstanceOf(NvmlMeter.class);
            assertThat(selection.status("nvml")).get().extracting(MeterStatus::used).isEqualTo(true);
            assertThat(selection.domains()).extracting(Domain::id).contains("gpu0", "gpu1", "gpu1:power_w");
            assertThat(stub.initCount()).isEqualTo(1);
        }
        assertThat(stub.initCount()).isZero();
    }

    @Test
    void theBuiltInsIncludeIt() {
        assertThat(new MeterSelector(MeterSelector.builtIns()).names()).contains("nvml");
    }

    private static boolean driverInstalled() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(Nvml.DEFAULT_LIBRARY, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
