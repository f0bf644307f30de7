package io.lem.meter.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The power management limit of some GPUs, changed for one experiment and put back after ({@code nvidia-smi -pl}
 * through NVML): {@link #open} reads each GPU's allowed range, current and default limit and changes nothing;
 * {@link #set} applies one limit to all of them; {@link #restore} (also {@link #close}) puts each GPU's previous
 * limit back, once, whichever thread gets there first (the experiment's finally or a shutdown hook).
 *
 * <p>Unverified on hardware: tested against the NVML stub only.
 */
public final class GpuPowerLimit implements AutoCloseable {

    /**
     * One GPU's limits, all in W as NVML reports them in mW.
     *
     * @param appliedW the limit lem set; NaN until {@link #set}
     */
    public record Gpu(int index, String uuid, double minW, double maxW, double defaultW, double previousW,
                      double appliedW) {

        /** The snake_case object of result.json's {@code gpu_power_limit.gpus}. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("index", index);
            json.put("domain", "gpu" + index);
            json.put("uuid", uuid);
            json.put("applied_w", Double.isNaN(appliedW) ? null : appliedW);
            json.put("previous_w", previousW);
            json.put("default_w", defaultW);
            json.put("min_w", minW);
            json.put("max_w", maxW);
            return json;
        }
    }

    private final Nvml nvml;
    private final List<MemorySegment> devices;
    private final List<Gpu> gpus;
    /** How many of {@link #gpus}, from the first, hold a limit lem set and must get their previous one back. */
    private int changed;
    private boolean closed;

    private GpuPowerLimit(Nvml nvml, List<MemorySegment> devices, List<Gpu> gpus) {
        this.nvml = nvml;
        this.devices = devices;
        this.gpus = gpus;
    }

    /**
     * Loads and initialises NVML and reads the limits of the GPUs the options select (CUDA_VISIBLE_DEVICES or an
     * explicit list), the first {@code maxGpus} of them (0: all).
     *
     * @throws NvmlException when NVML cannot be loaded or a GPU does not report its limits
     */
    public static GpuPowerLimit open(NvmlOptions options, int maxGpus) throws NvmlException {
        Nvml nvml = Nvml.load(options.resolvedLibrary());
        try {
            nvml.init();
            try {
                List<Integer> chosen = GpuSelection.choose(options.gpuIndices(), options.env(),
                        GpuInventory.read(nvml)).indices();
                if (maxGpus > 0 && chosen.size() > maxGpus) {
                    chosen = chosen.subList(0, maxGpus);
                }
                List<MemorySegment> devices = new ArrayList<>();
                List<Gpu> gpus = new ArrayList<>();
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment min = arena.allocate(JAVA_INT);
                    MemorySegment max = arena.allocate(JAVA_INT);
                    MemorySegment value = arena.allocate(JAVA_INT);
                    for (int index : chosen) {
                        MemorySegment device = nvml.handle(index);
                        nvml.check("nvmlDeviceGetPowerManagementLimitConstraints",
                                nvml.powerManagementLimitConstraints(device, min, max));
                        nvml.check("nvmlDeviceGetPowerManagementLimit", nvml.powerManagementLimit(device, value));
                        double previousW = watts(value);
                        nvml.check("nvmlDeviceGetPowerManagementDefaultLimit",
                                nvml.powerManagementDefaultLimit(device, value));
                        devices.add(device);
                        gpus.add(new Gpu(index, nvml.uuid(device), watts(min), watts(max), watts(value), previousW,
                                Double.NaN));
                    }
                }
                return new GpuPowerLimit(nvml, devices, gpus);
            } catch (NvmlException | RuntimeException e) {
                nvml.shutdown();
                throw e;
            }
        } catch (NvmlException | RuntimeException e) {
            nvml.close();
            throw e;
        }
    }

    /** The GPUs and their limits: after {@link #set}, with the applied one. */
    public synchronized List<Gpu> gpus() {
        return List.copyOf(gpus);
    }

    /**
     * Sets every GPU's limit to {@code limitW}, rounded to the mW NVML takes. When one GPU refuses, those already
     * set get their previous limit back before the exception leaves.
     *
     * @throws NvmlException the refusing GPU's NVML error ({@link NvmlReturn#NO_PERMISSION} when not root)
     */
    public synchronized void set(double limitW) throws NvmlException {
        int mw = Math.toIntExact(Math.round(limitW * 1000));
        for (int i = 0; i < devices.size(); i++) {
            int code = nvml.setPowerManagementLimit(devices.get(i), mw);
            if (code != NvmlReturn.SUCCESS) {
                NvmlException refused = new NvmlException("nvmlDeviceSetPowerManagementLimit", code,
                        "GPU " + gpus.get(i).index() + ": " + nvml.describe("nvmlDeviceSetPowerManagementLimit", code));
                try {
                    restore();
                } catch (NvmlException e) {
                    refused.addSuppressed(e);
                }
                throw refused;
            }
            Gpu g = gpus.get(i);
            gpus.set(i, new Gpu(g.index(), g.uuid(), g.minW(), g.maxW(), g.defaultW(), g.previousW(), mw / 1000.0));
            changed = i + 1;
        }
    }

    /**
     * Puts back each changed GPU's previous limit; a second call does nothing. Every GPU is tried even when one
     * fails; the first failure is thrown with the others suppressed.
     */
    public synchronized void restore() throws NvmlException {
        NvmlException first = null;
        for (int i = 0; i < changed; i++) {
            int mw = Math.toIntExact(Math.round(gpus.get(i).previousW() * 1000));
            int code = nvml.setPowerManagementLimit(devices.get(i), mw);
            if (code != NvmlReturn.SUCCESS) {
                NvmlException e = new NvmlException("nvmlDeviceSetPowerManagementLimit", code, "GPU "
                        + gpus.get(i).index() + " keeps the limit lem set; restore it with nvidia-smi -i "
                        + gpus.get(i).index() + " -pl " + gpus.get(i).previousW() + ": "
                        + nvml.describe("nvmlDeviceSetPowerManagementLimit", code));
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        changed = 0;
        if (first != null) {
            throw first;
        }
    }

    /** {@link #restore}, then NVML shut down and unloaded. */
    @Override
    public synchronized void close() throws NvmlException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            restore();
        } finally {
            try {
                nvml.shutdown();
            } finally {
                nvml.close();
            }
        }
    }

    private static double watts(MemorySegment uint) {
        return Integer.toUnsignedLong(uint.get(JAVA_INT, 0)) / 1000.0;
    }
}
