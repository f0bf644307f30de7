package io.lem.meter.rapl;

import java.nio.file.Path;
import io.lem.meter.DomainKind;

/**
 * One RAPL zone found under a powercap root, keyed by its zone id (the directory name, such as
 * {@code intel-rapl:0:1}), never by its {@code name} file: on a dual-socket machine two zones are called
 * {@code dram}.
 *
 * @param zoneId           directory name, unique per machine ({@code intel-rapl:1}, {@code intel-rapl-mmio:0})
 * @param dir              the zone's directory
 * @param name             content of its {@code name} file ({@code package-0}, {@code dram}, {@code core}, ...)
 * @param maxEnergyRangeUj content of {@code max_energy_range_uj}: the counter wraps after this value
 * @param domainId         lem's domain id ({@code cpu-package1}, {@code dram0}, {@code psys})
 * @param kind             the domain's physical scope
 */
public record PowercapZone(String zoneId, Path dir, String name, long maxEnergyRangeUj, String domainId,
                           DomainKind kind) {

    public Path energyFile() {
        return dir.resolve("energy_uj");
    }

    public boolean mmio() {
        return zoneId.startsWith("intel-rapl-mmio:");
    }
}
