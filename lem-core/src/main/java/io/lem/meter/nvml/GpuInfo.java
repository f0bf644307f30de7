package io.lem.meter.nvml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GPU as NVML describes it, for {@code environment.gpus} in result.json and for {@code lem meters}. A value the
 * device does not report is null (JSON null), never a made-up default.
 *
 * @param index                  NVML index (PCI bus order, as in nvidia-smi); the domain is {@code gpu<index>}
 * @param memoryTotalBytes       from {@code nvmlDeviceGetMemoryInfo}
 * @param powerLimitW            the enforced power management limit
 * @param defaultPowerLimitW     the factory power management limit
 * @param persistenceMode        persistence mode on; off adds driver start-up latency and idle-power noise
 * @param migEnabled             MIG mode currently enabled; false on GPUs without MIG
 * @param energyCounterSupported {@code nvmlDeviceGetTotalEnergyConsumption} answers (Volta and newer)
 * @param instantPowerSupported  {@code NVML_FI_DEV_POWER_INSTANT} answers through {@code nvmlDeviceGetFieldValues}
 */
public record GpuInfo(int index, String name, String uuid, String pciBusId, String driverVersion,
                      String nvmlVersion, Long memoryTotalBytes, Double powerLimitW, Double defaultPowerLimitW,
                      Boolean persistenceMode, Boolean migEnabled, boolean energyCounterSupported,
                      boolean instantPowerSupported) {

    /** The domain id of this GPU's energy. */
    public String domainId() {
        return "gpu" + index;
    }

    /** The snake_case object written under {@code environment.gpus}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", index);
        json.put("domain", domainId());
        json.put("name", name);
        json.put("uuid", uuid);
        json.put("pci_bus_id", pciBusId);
        json.put("driver_version", driverVersion);
        json.put("nvml_version", nvmlVersion);
        json.put("memory_total_bytes", memoryTotalBytes);
        json.put("power_limit_w", powerLimitW);
        json.put("default_power_limit_w", defaultPowerLimitW);
        json.put("persistence_mode", persistenceMode);
        json.put("mig_enabled", migEnabled);
        json.put("energy_counter_supported", energyCounterSupported);
        json.put("instant_power_supported", instantPowerSupported);
        return json;
    }
}
