package io.lem.meter.rapl;

import java.nio.file.Path;
import java.util.List;

/**
 * What a scan of a powercap root found: the usable zones in domain order, and notes on what was skipped and why
 * (malformed zone ids, MMIO duplicates, unknown zone names). The notes belong in the run's methodology record.
 */
public record PowercapScan(Path root, List<PowercapZone> zones, List<String> notes) {

    public PowercapScan {
        zones = List.copyOf(zones);
        notes = List.copyOf(notes);
    }
}
