package io.lem.meter.nvml;

import io.lem.meter.MeterException;

/**
 * An NVML call failed, or the library could not be loaded. The message names the function, the return code and
 * NVML's own text for it.
 */
public final class NvmlException extends MeterException {

    private final String function;
    private final int code;

    public NvmlException(String function, int code, String message) {
        super(message);
        this.function = function;
        this.code = code;
    }

    public NvmlException(String function, int code, String message, Throwable cause) {
        super(message, cause);
        this.function = function;
        this.code = code;
    }

    /** The NVML function that failed, or {@code dlopen} when the library is missing. */
    public String function() {
        return function;
    }

    /** The {@code nvmlReturn_t} value ({@link NvmlReturn}). */
    public int code() {
        return code;
    }
}
