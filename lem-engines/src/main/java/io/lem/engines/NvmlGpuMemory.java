package io.lem.engines;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import io.lem.meter.nvml.Nvml;
import io.lem.meter.nvml.NvmlException;
import io.lem.meter.nvml.NvmlLayouts;

/**
 * GPU memory in use from NVML's {@code nvmlDeviceGetMemoryInfo} ({@code nvmlMemory_t.used}), through lem-core's
 * binding. NVML counts memory of every process on the device, which is what matters here: the check is that the
 * previous engine's allocations are gone, whoever else is there.
 */
public final class NvmlGpuMemory implements GpuMemory {

    private final Nvml nvml;
    private final List<MemorySegment> devices = new ArrayList<>();
    private final MemorySegment memory;

    private NvmlGpuMemory(Nvml nvml) throws NvmlException {
        this.nvml = nvml;
        nvml.init();
        int count = nvml.deviceCount();
        for (int i = 0; i < count; i++) {
            devices.add(nvml.handle(i));
        }
        memory = nvml.allocate(NvmlLayouts.MEMORY);
    }

    /**
     * NVML from {@code library} ({@link Nvml#DEFAULT_LIBRARY} normally; the environment's {@link Nvml#LIBRARY_ENV}
     * overrides it), or {@link GpuMemory#NONE} when it cannot be loaded or initialised.
     */
    public static GpuMemory open(String library) {
        try {
            return new NvmlGpuMemory(Nvml.load(library));
        } catch (NvmlException e) {
            return GpuMemory.NONE;
        }
    }

    /** NVML as lem's meters find it. */
    public static GpuMemory open() {
        String library = System.getenv(Nvml.LIBRARY_ENV);
        return open(library == null || library.isBlank() ? Nvml.DEFAULT_LIBRARY : library);
    }

    @Override
    public synchronized List<Long> usedBytes() throws NvmlException {
        List<Long> used = new ArrayList<>();
        for (MemorySegment device : devices) {
            int code = nvml.memoryInfo(device, memory);
            if (code != 0) {
                throw new NvmlException("nvmlDeviceGetMemoryInfo", code, "GPU " + used.size()
                        + ": memory info unavailable (NVML code " + code + ")");
            }
            used.add(memory.get(java.lang.foreign.ValueLayout.JAVA_LONG, 16)); // total, free, used
        }
        return used;
    }

    @Override
    public String source() {
        return "NVML " + nvml.library();
    }

    @Override
    public synchronized void close() {
        try {
            nvml.shutdown();
        } catch (NvmlException e) {
            // nothing to release beyond NVML's own count
        }
    }
}
