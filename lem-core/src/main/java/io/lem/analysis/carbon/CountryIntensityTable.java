package io.lem.analysis.carbon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Average grid carbon intensity per country, shipped with lem: {@code country_intensity.csv}, derived from
 * CodeCarbon's {@code global_energy_mix.json} (Our World in Data energy data; see SOURCES.md next to it). Keyed by
 * ISO-3166 alpha-3; an alpha-2 code is mapped with the JDK's ISO table ({@link Locale#getISO3Country}).
 */
public final class CountryIntensityTable {

    /** Named in every figure the table backs. */
    public static final String SOURCE = "CodeCarbon global_energy_mix.json (Our World in Data energy data), "
            + "commit 4f166a5 (2024-11-15)";

    public record Entry(String iso3, String country, double gPerKwh, int year) {
    }

    private final Map<String, Entry> entries;

    private CountryIntensityTable(Map<String, Entry> entries) {
        this.entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries)); // the CSV's order
    }

    /** Every row, in the shipped table's order (for a picker: the Energy Lab lists them). */
    public java.util.List<Entry> entries() {
        return java.util.List.copyOf(entries.values());
    }

    public static CountryIntensityTable bundled() {
        try (InputStream in = CountryIntensityTable.class.getResourceAsStream("country_intensity.csv")) {
            if (in == null) {
                throw new IllegalStateException("io/lem/analysis/carbon/country_intensity.csv missing from the "
                        + "classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code iso3,country,carbon_intensity_g_per_kwh,year} rows after a header line. */
    static CountryIntensityTable parse(String csv) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                throw new IllegalStateException("country_intensity.csv line " + (i + 1) + ": expected 4 fields");
            }
            entries.put(f[0], new Entry(f[0], f[1], Double.parseDouble(f[2]), Integer.parseInt(f[3])));
        }
        return new CountryIntensityTable(entries);
    }

    public int size() {
        return entries.size();
    }

    /** The row for an alpha-2 or alpha-3 code, any case. */
    public Optional<Entry> lookup(String code) {
        return iso3(code).map(entries::get);
    }

    /** The intensity of a country, labelled with the table's source and the row's data year. */
    public Optional<CarbonIntensity> intensity(String code) {
        return lookup(code).map(e -> new CarbonIntensity(e.gPerKwh(), "country_table", e.iso3(),
                e.country() + " " + e.year() + " annual average, " + SOURCE, java.util.List.of()));
    }

    /** Alpha-3 for an alpha-2 or alpha-3 code, empty when the JDK does not know it. */
    static Optional<String> iso3(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.length() == 3) {
            return Optional.of(upper);
        }
        try {
            String three = Locale.of("", upper).getISO3Country();
            return three.isEmpty() ? Optional.empty() : Optional.of(three);
        } catch (java.util.MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** Alpha-2 for an alpha-2 or alpha-3 code (Electricity Maps' country zones are alpha-2), empty if unknown. */
    static Optional<String> iso2(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.length() == 2) {
            return Optional.of(upper);
        }
        for (String two : Locale.getISOCountries()) {
            if (Locale.of("", two).getISO3Country().equals(upper)) {
                return Optional.of(two);
            }
        }
        return Optional.empty();
    }
}
