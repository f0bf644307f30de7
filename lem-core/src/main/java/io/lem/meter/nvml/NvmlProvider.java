package io.lem.meter.nvml;

import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code nvml}: NVIDIA GPUs through NVML ({@link NvmlMeter}); in {@code auto}. */
public final class NvmlProvider implements MeterProvider {

    private final Supplier<NvmlOptions> options;

    /**
     * The process's environment ({@code CUDA_VISIBLE_DEVICES}, {@value Nvml#LIBRARY_ENV},
     * {@value NvmlOptions#GPUS_ENV}), read at each probe.
     */
    public NvmlProvider() {
        this(NvmlOptions::system);
    }

    public NvmlProvider(NvmlOptions options) {
        this(() -> options);
    }

    private NvmlProvider(Supplier<NvmlOptions> options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public Probe probe(MeterContext context) {
        NvmlOptions opts;
        try {
            opts = options.get();
        } catch (IllegalArgumentException e) {
            return Probe.unavailable(e.getMessage(), null);
        }
        try (NvmlMeter meter = NvmlMeter.open(opts)) {
            List<String> parts = new ArrayList<>();
            for (GpuInfo g : meter.gpus()) {
                parts.add(g.domainId() + " " + g.name() + " (" + (g.energyCounterSupported() ? "energy counter"
                        : "power integration") + (g.instantPowerSupported() ? ", instant power" : "") + ")");
            }
            GpuInfo first = meter.gpus().getFirst();
            String reason = "NVML " + first.nvmlVersion() + ", driver " + first.driverVersion() + ": "
                    + String.join(", ", parts)
                    + (meter.notes().isEmpty() ? "" : "; " + String.join("; ", meter.notes()));
            return Probe.available(reason);
        } catch (NvmlException e) {
            return Probe.unavailable(e.getMessage(), fix(e, opts));
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), opts.env().containsKey(GpuSelection.CUDA_VISIBLE_DEVICES)
                    ? "unset CUDA_VISIBLE_DEVICES or list a GPU in it" : null);
        }
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        NvmlOptions opts;
        try {
            opts = options.get();
        } catch (IllegalArgumentException e) {
            throw new MeterException(e.getMessage(), e);
        }
        try {
            return NvmlMeter.open(opts);
        } catch (NvmlException e) {
            String fix = fix(e, opts);
            throw new NvmlException(e.function(), e.code(), e.getMessage() + (fix == null ? "" : ". Fix: " + fix), e);
        }
    }

    /** What the user can do about a failure to load or initialise NVML, or null. */
    public static String fix(NvmlException e, NvmlOptions options) {
        return switch (e.code()) {
            case NvmlReturn.LIBRARY_NOT_FOUND -> Nvml.DEFAULT_LIBRARY.equals(options.resolvedLibrary())
                    ? "install the NVIDIA driver (it ships " + Nvml.DEFAULT_LIBRARY + "), or set "
                    + Nvml.LIBRARY_ENV + " to the library's path when it is installed elsewhere"
                    : "check the path in " + Nvml.LIBRARY_ENV + " or the meter option (it points at '"
                    + options.resolvedLibrary() + "'), or unset it to use the driver's " + Nvml.DEFAULT_LIBRARY;
            case NvmlReturn.DRIVER_NOT_LOADED -> "load the NVIDIA kernel driver (sudo modprobe nvidia) and check"
                    + " that nvidia-smi works";
            case NvmlReturn.NO_PERMISSION -> "give this user access to /dev/nvidia* (often the 'video' group) or"
                    + " run lem as root";
            case NvmlReturn.LIB_RM_VERSION_MISMATCH -> "the driver library and kernel module differ (driver"
                    + " updated without reboot): reboot or reload the nvidia kernel modules";
            default -> null;
        };
    }
}
