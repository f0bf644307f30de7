package io.lem.meter.nvml;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Quantity;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One measured GPU: its energy domain and the gauges it answered at open, read into segments allocated once. A
 * gauge that fails later reads NaN for that row; the energy domain failing fails the row.
 */
final class GpuChannel {

    private final Nvml nvml;
    private final GpuInfo info;
    private final MemorySegment device;
    private final boolean energyCounter;
    private final GpuGauge[] gauges;
    private final List<Domain> domains;
    private final MemorySegment uint;
    private final MemorySegment ull;
    private final MemorySegment utilization;
    private final MemorySegment memory;
    private final MemorySegment field;
    private boolean utilizationFresh;
    private int utilizationCode;
    private double value;
    private long previousMj;
    private long cumulativeMj;
    private long backwardSteps;

    /**
     * Takes the first reading of everything and keeps what answers.
     *
     * @param notes receives what was left out and why
     * @throws NvmlException when the GPU has neither an energy counter nor a power reading
     */
    GpuChannel(Nvml nvml, GpuInfo info, MemorySegment device, List<String> notes) throws NvmlException {
        this.nvml = nvml;
        this.info = info;
        this.device = device;
        uint = nvml.allocate(JAVA_INT);
        ull = nvml.allocate(JAVA_LONG);
        utilization = nvml.allocate(NvmlLayouts.UTILIZATION);
        memory = nvml.allocate(NvmlLayouts.MEMORY);
        field = nvml.allocate(NvmlLayouts.FIELD_VALUE);
        String id = info.domainId();
        String what = " (" + info.name() + ", " + info.uuid() + ", " + info.pciBusId() + ")";
        List<Domain> list = new ArrayList<>();
        int energyCode = nvml.totalEnergyConsumption(device, ull);
        energyCounter = energyCode == NvmlReturn.SUCCESS;
        if (energyCounter) {
            previousMj = ull.get(JAVA_LONG, 0);
            list.add(new Domain(id, DomainKind.GPU, Quantity.ENERGY_J, false,
                    "nvml nvmlDeviceGetTotalEnergyConsumption" + what));
        } else {
            nvml.check("nvmlDeviceGetPowerUsage for " + id, nvml.powerUsage(device, uint));
            notes.add(id + ": no energy counter (" + nvml.describe("nvmlDeviceGetTotalEnergyConsumption", energyCode)
                    + "); integrating power instead. Warning: " + NvmlMeter.POWER_AVERAGE_WARNING);
            list.add(new Domain(id, DomainKind.GPU, Quantity.POWER_W, false,
                    "nvml nvmlDeviceGetPowerUsage" + what + "; warning: " + NvmlMeter.POWER_AVERAGE_WARNING));
        }
        List<GpuGauge> present = new ArrayList<>();
        for (GpuGauge g : GpuGauge.values()) {
            utilizationFresh = false;
            int code = fetch(g);
            if (code == NvmlReturn.SUCCESS) {
                present.add(g);
                list.add(new Domain(id + ":" + g.suffix(), DomainKind.GPU, Quantity.GAUGE, false,
                        "nvml " + source(g)));
            } else {
                notes.add(id + ":" + g.suffix() + " omitted: " + nvml.describe(function(g), code));
            }
        }
        gauges = present.toArray(GpuGauge[]::new);
        domains = List.copyOf(list);
    }

    GpuInfo info() {
        return info;
    }

    List<Domain> domains() {
        return domains;
    }

    /** Times the energy counter read lower than before (a driver reload); the step is not counted as energy. */
    long backwardSteps() {
        return backwardSteps;
    }

    /** Fills {@code domains().size()} values from {@code offset}; allocates only to report a failure. */
    void read(double[] into, int offset) throws NvmlException {
        if (energyCounter) {
            check("nvmlDeviceGetTotalEnergyConsumption", nvml.totalEnergyConsumption(device, ull));
            long rawMj = ull.get(JAVA_LONG, 0);
            // Unsigned 64-bit mJ never wraps in practice (5e8 years at 1 kW); a lower reading means a reset.
            if (Long.compareUnsigned(rawMj, previousMj) >= 0) {
                cumulativeMj += rawMj - previousMj;
            } else {
                backwardSteps++;
            }
            previousMj = rawMj;
            into[offset] = cumulativeMj / 1000.0;
        } else {
            check("nvmlDeviceGetPowerUsage", nvml.powerUsage(device, uint));
            into[offset] = Integer.toUnsignedLong(uint.get(JAVA_INT, 0)) / 1000.0;
        }
        utilizationFresh = false;
        for (int i = 0; i < gauges.length; i++) {
            into[offset + 1 + i] = fetch(gauges[i]) == NvmlReturn.SUCCESS ? value : Double.NaN;
        }
    }

    private void check(String function, int code) throws NvmlException {
        if (code != NvmlReturn.SUCCESS) {
            nvml.check(function + " for " + info.domainId(), code);
        }
    }

    /** Reads one gauge into {@link #value} and returns NVML's code. */
    private int fetch(GpuGauge g) {
        int code;
        switch (g) {
            case POWER_W -> code = unsignedMilli(nvml.powerUsage(device, uint));
            case POWER_INSTANT_W -> {
                code = GpuInventory.instantPowerCode(nvml, device, field);
                value = NvmlLayouts.fieldValue(field) / 1000.0;
            }
            case TEMPERATURE_C -> code = unsignedInt(nvml.temperature(device, Nvml.TEMPERATURE_GPU, uint));
            case SM_UTIL_PCT, MEM_UTIL_PCT -> {
                if (!utilizationFresh) {
                    utilizationCode = nvml.utilizationRates(device, utilization);
                    utilizationFresh = true;
                }
                code = utilizationCode;
                value = Integer.toUnsignedLong(utilization.get(JAVA_INT, g == GpuGauge.SM_UTIL_PCT ? 0 : 4));
            }
            case SM_CLOCK_MHZ -> code = unsignedInt(nvml.clockInfo(device, Nvml.CLOCK_SM, uint));
            case MEM_CLOCK_MHZ -> code = unsignedInt(nvml.clockInfo(device, Nvml.CLOCK_MEM, uint));
            case THROTTLE_REASONS -> {
                code = nvml.clocksEventReasons(device, ull);
                value = NvmlLayouts.unsignedToDouble(ull.get(JAVA_LONG, 0));
            }
            case MEMORY_USED_BYTES -> {
                code = nvml.memoryInfo(device, memory);
                value = NvmlLayouts.unsignedToDouble(memory.get(JAVA_LONG, 16));
            }
            default -> throw new IllegalStateException("unhandled gauge " + g);
        }
        return code;
    }

    private int unsignedInt(int code) {
        value = Integer.toUnsignedLong(uint.get(JAVA_INT, 0));
        return code;
    }

    private int unsignedMilli(int code) {
        value = Integer.toUnsignedLong(uint.get(JAVA_INT, 0)) / 1000.0;
        return code;
    }

    private String function(GpuGauge g) {
        return g == GpuGauge.THROTTLE_REASONS ? nvml.clocksEventReasonsSymbol() : g.function();
    }

    private String source(GpuGauge g) {
        return function(g) + g.detail();
    }
}
