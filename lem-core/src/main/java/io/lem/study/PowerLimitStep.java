package io.lem.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.config.ExperimentConfig;
import io.lem.meter.nvml.GpuPowerLimit;
import io.lem.meter.nvml.NvmlException;
import io.lem.meter.nvml.NvmlOptions;
import io.lem.meter.nvml.NvmlReturn;

/**
 * {@code gpu.power_limit_w} for one experiment: set on the engine's GPUs before its engine starts, put back when
 * the experiment ends however it ends (closed by the runner's try-with-resources on success, failure, timeout and
 * Ctrl-C; a JVM shutdown hook is the backstop for an exit the runner does not see). The engine's GPUs are those the
 * meters measure (CUDA_VISIBLE_DEVICES, LEM_NVML_GPUS), the first tensor-parallel-size of them when a point gives
 * one ({@link GpuScope}). Unverified on hardware: tested against the NVML stub only.
 */
final class PowerLimitStep implements AutoCloseable {

    static final String KEY = "gpu.power_limit_w";

    private final double requestedW;
    private final GpuPowerLimit limit;
    private final Thread hook;

    private PowerLimitStep(double requestedW, GpuPowerLimit limit) {
        this.requestedW = requestedW;
        this.limit = limit;
        this.hook = new Thread(this::restoreAtExit, "lem-power-limit-restore");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Applies the point's limit; null when it sets none (nothing is touched).
     *
     * @throws ConfigException naming {@value #KEY}: a value outside a GPU's allowed range (with the range), a user
     *                         who is not root, or no NVML to set it through
     */
    static PowerLimitStep apply(ExperimentConfig config, NvmlOptions nvml) {
        Object value = config.values().get(KEY);
        if (value == null) {
            return null;
        }
        double limitW = ((Number) value).doubleValue();
        GpuPowerLimit limit;
        try {
            limit = GpuPowerLimit.open(nvml, GpuScope.tensorParallel(config.values()));
        } catch (NvmlException e) {
            throw new ConfigException(KEY, format("%s W cannot be applied: NVML cannot read the GPUs' power limits "
                    + "(%s); fix: run on a machine with an NVIDIA driver, or remove %s", limitW, e.getMessage(), KEY));
        }
        try {
            if (limit.gpus().isEmpty()) {
                throw new ConfigException(KEY, format("%s W: no GPU is selected (CUDA_VISIBLE_DEVICES, LEM_NVML_GPUS); "
                        + "fix: make the engine's GPUs visible, or remove %s", limitW, KEY));
            }
            for (GpuPowerLimit.Gpu gpu : limit.gpus()) {
                if (limitW < gpu.minW() || limitW > gpu.maxW()) {
                    throw new ConfigException(KEY, format("%s W is outside GPU %d's allowed range %s to %s W "
                            + "(nvmlDeviceGetPowerManagementLimitConstraints); fix: choose a limit in that range",
                            limitW, gpu.index(), gpu.minW(), gpu.maxW()));
                }
            }
            limit.set(limitW);
        } catch (NvmlException e) {
            closeQuietly(limit);
            throw new ConfigException(KEY, e.code() == NvmlReturn.NO_PERMISSION
                    ? format("setting a GPU power limit needs root, as nvidia-smi -pl does (NVML answered "
                            + "NVML_ERROR_NO_PERMISSION); fix: run lem as root, or remove %s", KEY)
                    : format("%s W could not be set: %s; fix: check the GPU with nvidia-smi -q -d POWER", limitW,
                            e.getMessage()));
        } catch (ConfigException e) {
            closeQuietly(limit);
            throw e;
        }
        return new PowerLimitStep(limitW, limit);
    }

    /** result.json's {@code gpu_power_limit}: what was asked, and per GPU the limit applied and the one before. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requested_w", requestedW);
        json.put("method", "nvmlDeviceSetPowerManagementLimit before the engine started; previous limit restored after");
        json.put("gpus", limit.gpus().stream().map(GpuPowerLimit.Gpu::toJson).toList());
        return json;
    }

    /**
     * Puts the previous limits back.
     *
     * @throws ConfigException naming {@value #KEY} when a GPU keeps lem's limit (the message gives the nvidia-smi
     *                         command that restores it): the study stops rather than measure on a changed GPU
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: restoring twice is harmless, GpuPowerLimit does it once
        }
        try {
            limit.close();
        } catch (NvmlException e) {
            throw new ConfigException(KEY, "the previous power limit could not be restored: " + e.getMessage());
        }
    }

    private void restoreAtExit() {
        closeQuietly(limit);
    }

    private static void closeQuietly(GpuPowerLimit limit) {
        try {
            limit.close();
        } catch (NvmlException e) {
            // at exit or while another error leaves: the message of the error leaving matters more
        }
    }

    private static String format(String pattern, Object... args) {
        Object[] shown = List.of(args).stream().map(a -> a instanceof Double d ? watts(d) : a).toArray();
        return String.format(Locale.ROOT, pattern, shown);
    }

    /** 250 rather than 250.0; 212.5 as is. */
    private static String watts(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
