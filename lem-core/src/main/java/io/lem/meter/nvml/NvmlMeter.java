package io.lem.meter.nvml;

import io.lem.meter.Domain;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nvml}: per GPU one energy domain {@code gpu<i>} (the driver's millijoule counter on Volta and newer, else
 * power in watts with a warning) and the gauges {@code gpu<i>:power_w}, {@code :temperature_c},
 * {@code :sm_util_pct}, {@code :mem_util_pct}, {@code :sm_clock_mhz}, {@code :mem_clock_mhz},
 * {@code :throttle_reasons}, {@code :memory_used_bytes} that the GPU answers. {@code gpu<i>:power_w} is instant
 * power where the driver has it, so the analysis can set integrated power against the counter.
 *
 * <p>A MIG-enabled GPU is one domain: its instances share the counter, and NVML gives no per-instance energy.
 */
public final class NvmlMeter implements Meter {

    /** Why integrating {@code nvmlDeviceGetPowerUsage} is the fallback, not the method. */
    public static final String POWER_AVERAGE_WARNING = "nvmlDeviceGetPowerUsage is a 1 s average on Ampere and"
            + " newer (except GA100), so integrating it smears windows shorter than a few seconds";

    private final Nvml nvml;
    private final GpuChannel[] channels;
    private final List<Domain> domains;
    private final List<GpuInfo> gpus;
    private final List<String> notes;
    private boolean closed;

    private NvmlMeter(Nvml nvml, List<GpuChannel> channels, List<String> notes) {
        this.nvml = nvml;
        this.channels = channels.toArray(GpuChannel[]::new);
        this.domains = channels.stream().flatMap(c -> c.domains().stream()).toList();
        this.gpus = channels.stream().map(GpuChannel::info).toList();
        this.notes = List.copyOf(notes);
    }

    /**
     * Loads and initialises NVML, chooses the GPUs and takes a first reading of each.
     *
     * @throws NvmlException  when the library is missing or NVML fails to initialise (see {@link NvmlProvider#fix})
     * @throws MeterException when no GPU is left to measure or an explicit GPU index does not exist
     */
    public static NvmlMeter open(NvmlOptions options) throws MeterException {
        Nvml nvml = Nvml.load(options.resolvedLibrary());
        try {
            nvml.init();
        } catch (NvmlException e) {
            nvml.close();
            throw e;
        }
        try {
            List<GpuInfo> all = GpuInventory.read(nvml);
            GpuSelection selection;
            try {
                selection = GpuSelection.choose(options.gpuIndices(), options.env(), all);
            } catch (IllegalArgumentException e) {
                throw new MeterException(e.getMessage() + "; fix the GPU list", e);
            }
            if (selection.indices().isEmpty()) {
                throw new MeterException(all.isEmpty() ? "NVML sees no GPU"
                        : "no GPU selected: " + String.join("; ", selection.notes()));
            }
            List<String> notes = new ArrayList<>(selection.notes());
            List<GpuChannel> channels = new ArrayList<>();
            for (int index : selection.indices()) {
                GpuInfo info = all.get(index);
                if (Boolean.TRUE.equals(info.migEnabled())) {
                    notes.add(info.domainId() + " has MIG enabled: its energy is the whole GPU's, shared by all"
                            + " its MIG instances (NVML has no per-instance energy)");
                }
                try {
                    channels.add(new GpuChannel(nvml, info, nvml.handle(index), notes));
                } catch (NvmlException e) {
                    notes.add(info.domainId() + " left out: neither energy counter nor power reading ("
                            + e.getMessage() + ")");
                }
            }
            if (channels.isEmpty()) {
                throw new MeterException("no GPU can be measured: " + String.join("; ", notes));
            }
            return new NvmlMeter(nvml, channels, notes);
        } catch (MeterException | RuntimeException e) {
            shutdownQuietly(nvml);
            throw e;
        }
    }

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public List<Domain> domains() {
        return domains;
    }

    /** The measured GPUs, in domain order. */
    public List<GpuInfo> gpus() {
        return gpus;
    }

    @Override
    public List<java.util.Map<String, Object>> inventory() {
        return gpus.stream().map(GpuInfo::toJson).toList();
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new java.util.ArrayList<>(notes);
        long backward = counterBackwardSteps();
        if (backward > 0) {
            warnings.add("NVML energy counter went backwards " + backward + " time(s); those steps were not counted");
        }
        for (GpuInfo gpu : gpus) {
            if (Boolean.FALSE.equals(gpu.persistenceMode())) {
                warnings.add(gpu.domainId() + ": persistence mode is off; the driver may reinitialise between runs "
                        + "(fix: sudo nvidia-smi -pm 1)");
            }
        }
        return warnings;
    }

    /** How GPUs were chosen, fallbacks to power, omitted gauges, MIG: for the meter status and warnings. */
    public List<String> notes() {
        return notes;
    }

    /** Readings where an energy counter went backwards (counted as no energy); non-zero belongs in warnings. */
    public long counterBackwardSteps() {
        long total = 0;
        for (GpuChannel c : channels) {
            total += c.backwardSteps();
        }
        return total;
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        int at = offset;
        for (GpuChannel channel : channels) {
            channel.read(into, at);
            at += channel.domains().size();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            shutdownQuietly(nvml);
        }
    }

    /** Closing must not fail a run whose data is already taken; a failed shutdown only leaks NVML's refcount. */
    private static void shutdownQuietly(Nvml nvml) {
        try {
            nvml.shutdown();
        } catch (NvmlException ignored) {
            // nothing left to measure; the library is unloaded next anyway
        } finally {
            nvml.close();
        }
    }
}
