package io.lem.analysis.carbon;

import java.util.Map;

import io.lem.config.ConfigException;

/**
 * The carbon and water settings of a run (docs/methodology.md "Carbon and water", after the inference energy protocol). The lead wires these keys
 * into {@code ConfigSchema}; until then {@link #fromValues} checks a flat map of them with the same messages.
 *
 * @param intensityGPerKwh  {@code carbon.intensity_g_per_kwh}: an explicit grid intensity (0 is a valid, zero-carbon
 *                          grid), or null
 * @param country           {@code carbon.country}: ISO-3166 alpha-2 or alpha-3 code, for the live provider's zone
 *                          and the bundled table, or null
 * @param pue               {@code carbon.pue}: power usage effectiveness of the facility, ≥ 1 (default 1: no facility
 *                          overhead, stated as an assumption)
 * @param wueLPerKwh        {@code carbon.wue_l_per_kwh}: water usage effectiveness in litres per kWh, or null (then no
 *                          water figure)
 * @param providerApiKeyEnv {@code carbon.provider_api_key_env}: the NAME of the environment variable holding an
 *                          Electricity Maps API key (never the key itself), or null
 */
public record CarbonOptions(Double intensityGPerKwh, String country, double pue, Double wueLPerKwh,
                            String providerApiKeyEnv) {

    public static final String INTENSITY = "carbon.intensity_g_per_kwh";
    public static final String COUNTRY = "carbon.country";
    public static final String PUE = "carbon.pue";
    public static final String WUE = "carbon.wue_l_per_kwh";
    public static final String PROVIDER_API_KEY_ENV = "carbon.provider_api_key_env";

    /** No facility overhead unless the user states one. */
    public static final double DEFAULT_PUE = 1.0;

    public static final CarbonOptions NONE = new CarbonOptions(null, null, DEFAULT_PUE, null, null);

    public CarbonOptions {
        if (intensityGPerKwh != null && !(intensityGPerKwh >= 0 && Double.isFinite(intensityGPerKwh))) {
            throw new ConfigException(INTENSITY, "expected a number ≥ 0 (gCO2eq/kWh), got " + intensityGPerKwh
                    + "; fix: give the grid's intensity, e.g. 380 (0 for a zero-carbon supply)");
        }
        if (country != null && !country.matches("[A-Za-z]{2,3}")) {
            throw new ConfigException(COUNTRY, "expected an ISO-3166 alpha-2 or alpha-3 code, got '" + country
                    + "'; fix: e.g. DE or DEU");
        }
        if (!(pue >= 1 && Double.isFinite(pue))) {
            throw new ConfigException(PUE, "expected a number ≥ 1, got " + pue
                    + "; fix: 1 for no facility overhead, e.g. 1.1-1.6 for a data centre");
        }
        if (wueLPerKwh != null && !(wueLPerKwh >= 0 && Double.isFinite(wueLPerKwh))) {
            throw new ConfigException(WUE, "expected a number ≥ 0 (L/kWh), got " + wueLPerKwh
                    + "; fix: give the site's water usage effectiveness, e.g. 1.8");
        }
        if (providerApiKeyEnv != null && !providerApiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(PROVIDER_API_KEY_ENV, "expected the name of an environment variable, got '"
                    + providerApiKeyEnv + "'; fix: put the key in a variable (export ELECTRICITYMAPS_API_KEY=...) and "
                    + "give its name here, never the key itself");
        }
    }

    /** Reads the five keys from a flat map of dotted keys (absent keys take their defaults). */
    public static CarbonOptions fromValues(Map<String, ?> values) {
        return new CarbonOptions(number(values, INTENSITY), text(values, COUNTRY),
                values.containsKey(PUE) ? number(values, PUE) : DEFAULT_PUE, number(values, WUE),
                text(values, PROVIDER_API_KEY_ENV));
    }

    private static Double number(Map<String, ?> values, String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a number, got '" + v + "'");
        }
    }

    private static String text(Map<String, ?> values, String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString().trim();
    }
}
