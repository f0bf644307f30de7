package io.lem.meter.nvml;

/** The {@code nvmlReturn_t} values lem acts on, and the symbolic name of any code for messages. */
public final class NvmlReturn {

    public static final int SUCCESS = 0;
    public static final int UNINITIALIZED = 1;
    public static final int INVALID_ARGUMENT = 2;
    public static final int NOT_SUPPORTED = 3;
    public static final int NO_PERMISSION = 4;
    public static final int NOT_FOUND = 6;
    public static final int INSUFFICIENT_SIZE = 7;
    public static final int DRIVER_NOT_LOADED = 9;
    public static final int LIBRARY_NOT_FOUND = 12;
    public static final int FUNCTION_NOT_FOUND = 13;
    public static final int GPU_IS_LOST = 15;
    public static final int LIB_RM_VERSION_MISMATCH = 18;
    public static final int UNKNOWN = 999;

    private static final String[] NAMES = {"NVML_SUCCESS", "NVML_ERROR_UNINITIALIZED",
        "NVML_ERROR_INVALID_ARGUMENT", "NVML_ERROR_NOT_SUPPORTED", "NVML_ERROR_NO_PERMISSION",
        "NVML_ERROR_ALREADY_INITIALIZED", "NVML_ERROR_NOT_FOUND", "NVML_ERROR_INSUFFICIENT_SIZE",
        "NVML_ERROR_INSUFFICIENT_POWER", "NVML_ERROR_DRIVER_NOT_LOADED", "NVML_ERROR_TIMEOUT",
        "NVML_ERROR_IRQ_ISSUE", "NVML_ERROR_LIBRARY_NOT_FOUND", "NVML_ERROR_FUNCTION_NOT_FOUND",
        "NVML_ERROR_CORRUPTED_INFOROM", "NVML_ERROR_GPU_IS_LOST", "NVML_ERROR_RESET_REQUIRED",
        "NVML_ERROR_OPERATING_SYSTEM", "NVML_ERROR_LIB_RM_VERSION_MISMATCH", "NVML_ERROR_IN_USE",
        "NVML_ERROR_MEMORY", "NVML_ERROR_NO_DATA", "NVML_ERROR_VGPU_ECC_NOT_SUPPORTED",
        "NVML_ERROR_INSUFFICIENT_RESOURCES", "NVML_ERROR_FREQ_NOT_SUPPORTED",
        "NVML_ERROR_ARGUMENT_VERSION_MISMATCH", "NVML_ERROR_DEPRECATED", "NVML_ERROR_NOT_READY",
        "NVML_ERROR_GPU_NOT_FOUND", "NVML_ERROR_INVALID_STATE"};

    private NvmlReturn() {
    }

    /** {@code NVML_ERROR_DRIVER_NOT_LOADED} for 9; codes newer than this table read {@code NVML_RETURN_<n>}. */
    public static String name(int code) {
        if (code >= 0 && code < NAMES.length) {
            return NAMES[code];
        }
        return code == UNKNOWN ? "NVML_ERROR_UNKNOWN" : "NVML_RETURN_" + code;
    }

    /** A device that lacks a query (old GPU or driver): the value is absent, not an error. */
    public static boolean unsupported(int code) {
        return code == NOT_SUPPORTED || code == FUNCTION_NOT_FOUND;
    }
}
