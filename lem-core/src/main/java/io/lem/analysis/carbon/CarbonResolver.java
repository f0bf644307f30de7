package io.lem.analysis.carbon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.lem.config.ConfigException;

/**
 * Chooses the grid intensity in docs/methodology.md's order: an explicit value, then a live provider (Electricity Maps) when
 * an API key is configured, then the per-country table shipped with lem. A provider that fails falls back to the
 * table with a warning saying why, so a run never loses its carbon figure to a network error.
 */
public final class CarbonResolver {

    private final Function<String, String> env;
    private final ElectricityMaps provider;
    private final CountryIntensityTable table;

    /**
     * @param env      environment lookup ({@code System::getenv} in production)
     * @param provider the live provider
     * @param table    the bundled table
     */
    public CarbonResolver(Function<String, String> env, ElectricityMaps provider, CountryIntensityTable table) {
        this.env = env;
        this.provider = provider;
        this.table = table;
    }

    /** The intensity to use, or empty when no source applies (no value, no key, no country). */
    public Optional<CarbonIntensity> resolve(CarbonOptions options) throws InterruptedException {
        if (options.intensityGPerKwh() != null) {
            return Optional.of(new CarbonIntensity(options.intensityGPerKwh(), "explicit", null,
                    "given in " + CarbonOptions.INTENSITY, List.of()));
        }
        List<String> warnings = new ArrayList<>();
        if (options.providerApiKeyEnv() != null) {
            String key = env.apply(options.providerApiKeyEnv());
            if (options.country() == null) {
                throw new ConfigException(CarbonOptions.COUNTRY, "not set, but the live provider needs a zone; fix: "
                        + "set carbon.country (e.g. DE)");
            }
            Optional<String> zone = CountryIntensityTable.iso2(options.country());
            if (key == null || key.isBlank()) {
                warnings.add("environment variable " + options.providerApiKeyEnv() + " (carbon.provider_api_key_env)"
                        + " is not set: live intensity skipped");
            } else if (zone.isEmpty()) {
                warnings.add("no alpha-2 zone for country " + options.country() + ": live intensity skipped");
            } else {
                try {
                    return Optional.of(provider.latest(zone.get(), key));
                } catch (IOException e) {
                    warnings.add("live intensity failed (" + e.getMessage() + "): using the country table");
                }
            }
        }
        if (options.country() == null) {
            return Optional.empty();
        }
        CarbonIntensity fromTable = table.intensity(options.country()).orElseThrow(() -> new ConfigException(
                CarbonOptions.COUNTRY, "'" + options.country() + "' is not in lem's country table ("
                + CountryIntensityTable.SOURCE + "); fix: give an ISO-3166 code such as DE or DEU, or set "
                + CarbonOptions.INTENSITY));
        return Optional.of(fromTable.withWarnings(warnings));
    }
}
