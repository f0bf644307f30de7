package io.lem.analysis.carbon;

import java.util.List;

/**
 * A grid's carbon intensity and where it came from, to be shown with every figure derived from it.
 *
 * @param gPerKwh  gCO2eq per kWh; 0 is a valid, zero-carbon grid
 * @param source   {@code explicit}, {@code electricity_maps} or {@code country_table}
 * @param zone     the zone or country it applies to, or null for an explicit value
 * @param label    one line naming the source (and, for the table, its origin and data year)
 * @param warnings what fell back and why (a live provider that failed, for example)
 */
public record CarbonIntensity(double gPerKwh, String source, String zone, String label, List<String> warnings) {

    public CarbonIntensity {
        if (!(gPerKwh >= 0 && Double.isFinite(gPerKwh))) {
            throw new IllegalArgumentException("carbon intensity must be a finite number ≥ 0, got " + gPerKwh);
        }
        warnings = List.copyOf(warnings);
    }

    CarbonIntensity withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new CarbonIntensity(gPerKwh, source, zone, label, all);
    }
}
