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
    /** The environment's settings: {@code LEM_NVML_LIB}, and {@code LEM_NVML_GPUS} ("0,2") for an explicit list. */
    public static NvmlOptions system() {
        return fromEnv(System.getenv());
    }

    /** As {@link #system()}, from a given environment; a malformed {@code LEM_NVML_GPUS} is an error naming it. */
    public static NvmlOptions fromEnv(Map<String, String> env) {
        String gpus = env.getOrDefault(GPUS_ENV, "").strip();
        List<Integer> indices = new java.util.ArrayList<>();
        if (!gpus.isEmpty()) {
            for (String part : gpus.split(",")) {
                try {
                    indices.add(Integer.parseInt(part.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(GPUS_ENV + "='" + gpus + "' is not a comma-separated list of "
                            + "GPU indices; fix: e.g. " + GPUS_ENV + "=0,1");
                }
            }
        }
        return new NvmlOptions(null, indices, env);
    }

    /** An explicit list of NVML GPU indices, overriding CUDA_VISIBLE_DEVICES. */
    public static final String GPUS_ENV = "LEM_NVML_GPUS";

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
