package io.lem.engines;

import java.util.List;

/** The GPU memory in use per device, in bytes: how {@link Preflight} sees that an engine's memory was given back. */
public interface GpuMemory extends AutoCloseable {

    /** None: a machine without GPUs, or without NVML; the GPU check is skipped and says so. */
    GpuMemory NONE = new GpuMemory() {
        @Override
        public List<Long> usedBytes() {
            return List.of();
        }

        @Override
        public String source() {
            return "none (no NVML)";
        }
    };

    /** Used bytes of each GPU, in device-index order. */
    List<Long> usedBytes() throws Exception;

    /** Where the numbers come from, for reports. */
    String source();

    @Override
    default void close() {
    }
}
