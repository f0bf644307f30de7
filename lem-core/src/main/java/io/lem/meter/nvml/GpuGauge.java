package io.lem.meter.nvml;

/** The per-GPU time series kept beside the energy domain; the suffix is the unit ({@code gpu0:temperature_c}). */
enum GpuGauge {
    /** What NVML calls power usage, as nvidia-smi's power.draw and DCGM's POWER_USAGE: smoothed by the driver. */
    POWER_W("power_w", "nvmlDeviceGetPowerUsage", ", mW -> W (a 1 s average on Ampere and newer, GA100 excepted)"),
    /** Kept beside the average so the two can be compared with the energy counter (scripts/gpu-check.sh). */
    POWER_INSTANT_W("power_instant_w", "nvmlDeviceGetFieldValues", "(NVML_FI_DEV_POWER_INSTANT), mW -> W"),
    TEMPERATURE_C("temperature_c", "nvmlDeviceGetTemperature", "(NVML_TEMPERATURE_GPU)"),
    SM_UTIL_PCT("sm_util_pct", "nvmlDeviceGetUtilizationRates", ".gpu (share of time a kernel ran)"),
    MEM_UTIL_PCT("mem_util_pct", "nvmlDeviceGetUtilizationRates", ".memory (share of time memory was accessed)"),
    SM_CLOCK_MHZ("sm_clock_mhz", "nvmlDeviceGetClockInfo", "(NVML_CLOCK_SM)"),
    MEM_CLOCK_MHZ("mem_clock_mhz", "nvmlDeviceGetClockInfo", "(NVML_CLOCK_MEM)"),
    THROTTLE_REASONS("throttle_reasons", "nvmlDeviceGetCurrentClocksEventReasons", " (bitmask)"),
    MEMORY_USED_BYTES("memory_used_bytes", "nvmlDeviceGetMemoryInfo", ".used");

    private final String suffix;
    private final String function;
    private final String detail;

    GpuGauge(String suffix, String function, String detail) {
        this.suffix = suffix;
        this.function = function;
        this.detail = detail;
    }

    String suffix() {
        return suffix;
    }

    /** The NVML function read, for messages; the meter substitutes the symbols a driver actually has. */
    String function() {
        return function;
    }

    /** What of the function's answer is kept. */
    String detail() {
        return detail;
    }
}
