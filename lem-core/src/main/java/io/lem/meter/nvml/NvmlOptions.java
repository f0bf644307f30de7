package io.lem.meter.nvml;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the NVML meter finds the library and which GPUs it measures.
 *
 * @param library    NVML library path or soname; null to use {@value Nvml#LIBRARY_ENV} from {@code env}, else
 *                   {@value Nvml#DEFAULT_LIBRARY}
 * @param gpuIndices NVML indices to measure; empty to follow {@code CUDA_VISIBLE_DEVICES} (all GPUs when unset)
 * @param env        the environment to read {@code CUDA_VISIBLE_DEVICES} and {@value Nvml#LIBRARY_ENV} from
 */
public record NvmlOptions(String library, List<Integer> gpuIndices, Map<String, String> env) {

    public NvmlOptions {
        gpuIndices = List.copyOf(gpuIndices);
        env = Map.copyOf(env);
        for (int i : gpuIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("GPU index must be >= 0, was " + i);
            }
        }
    }

    /** The process's own environment, every GPU it can see. */
    public static NvmlOptions system() {
        return new NvmlOptions(null, List.of(), System.getenv());
    }

    /** The library to load: explicit, else {@value Nvml#LIBRARY_ENV}, else {@value Nvml#DEFAULT_LIBRARY}. */
    public String resolvedLibrary() {
        if (library != null && !library.isBlank()) {
            return library;
        }
        String fromEnv = env.get(Nvml.LIBRARY_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : Nvml.DEFAULT_LIBRARY;
    }

    public NvmlOptions withGpuIndices(List<Integer> indices) {
        return new NvmlOptions(library, Objects.requireNonNull(indices), env);
    }
}
