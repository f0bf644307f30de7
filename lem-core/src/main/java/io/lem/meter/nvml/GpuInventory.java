package io.lem.meter.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Describes the GPUs NVML sees ({@link GpuInfo}) for result.json's {@code environment.gpus} and {@code lem meters}. */
public final class GpuInventory {

    private GpuInventory() {
    }

    /**
     * Loads and initialises NVML, describes the GPUs the options select, and shuts NVML down again.
     *
     * @throws NvmlException when the library is missing or {@code nvmlInit_v2} fails (see {@link NvmlProvider#fix})
     */
    public static List<GpuInfo> list(NvmlOptions options) throws NvmlException {
        try (Nvml nvml = Nvml.load(options.resolvedLibrary())) {
            nvml.init();
            try {
                List<GpuInfo> all = read(nvml);
                List<Integer> chosen = GpuSelection.choose(options.gpuIndices(), options.env(), all).indices();
                return all.stream().filter(g -> chosen.contains(g.index())).toList();
            } finally {
                nvml.shutdown();
            }
        }
    }

    /** Every GPU of an initialised NVML, in index order. Queries a device does not answer become nulls. */
    public static List<GpuInfo> read(Nvml nvml) throws NvmlException {
        String driver = orNull(nvml::driverVersion);
        String version = orNull(nvml::nvmlVersion);
        int count = nvml.deviceCount();
        List<GpuInfo> gpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            gpus.add(describe(nvml, i, nvml.handle(i), driver, version));
        }
        return List.copyOf(gpus);
    }

    static GpuInfo describe(Nvml nvml, int index, MemorySegment device, String driver, String version) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment uint = arena.allocate(JAVA_INT);
            MemorySegment ull = arena.allocate(JAVA_LONG);
            MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY);
            MemorySegment field = arena.allocate(NvmlLayouts.FIELD_VALUE);
            Long memoryTotal = nvml.memoryInfo(device, memory) == NvmlReturn.SUCCESS ? memory.get(JAVA_LONG, 0) : null;
            Double limitW = nvml.powerManagementLimit(device, uint) == NvmlReturn.SUCCESS ? milli(uint) : null;
            Double defaultLimitW = nvml.powerManagementDefaultLimit(device, uint) == NvmlReturn.SUCCESS
                    ? milli(uint) : null;
            Boolean persistence = nvml.persistenceMode(device, uint) == NvmlReturn.SUCCESS
                    ? uint.get(JAVA_INT, 0) == 1 : null;
            int migCode = nvml.migMode(device, uint);
            Boolean mig = migCode == NvmlReturn.SUCCESS ? Boolean.valueOf(uint.get(JAVA_INT, 0) == 1)
                    : NvmlReturn.unsupported(migCode) ? Boolean.FALSE : null;
            boolean energy = nvml.totalEnergyConsumption(device, ull) == NvmlReturn.SUCCESS;
            boolean instant = instantPowerCode(nvml, device, field) == NvmlReturn.SUCCESS;
            return new GpuInfo(index, orNull(() -> nvml.name(device)), orNull(() -> nvml.uuid(device)),
                    orNull(() -> nvml.pciBusId(device)), driver, version, memoryTotal, limitW, defaultLimitW,
                    persistence, mig, energy, instant);
        }
    }

    /**
     * Asks for {@code NVML_FI_DEV_POWER_INSTANT} into a one-element field array; the call's own code, else the
     * field's, decides.
     */
    static int instantPowerCode(Nvml nvml, MemorySegment device, MemorySegment field) {
        field.set(JAVA_INT, 0, Nvml.FIELD_POWER_INSTANT);
        field.set(JAVA_INT, 4, 0);
        int code = nvml.fieldValues(device, 1, field);
        return code != NvmlReturn.SUCCESS ? code : field.get(JAVA_INT, NvmlLayouts.FIELD_RETURN_OFFSET);
    }

    private static double milli(MemorySegment uint) {
        return Integer.toUnsignedLong(uint.get(JAVA_INT, 0)) / 1000.0;
    }

    private interface Query {
        String get() throws NvmlException;
    }

    private static String orNull(Query query) {
        try {
            return query.get();
        } catch (NvmlException e) {
            return null;
        }
    }
}
