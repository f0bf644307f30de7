package io.lem.study;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lem.analysis.carbon.CarbonFootprint;
import io.lem.analysis.carbon.CarbonIntensity;
import io.lem.analysis.carbon.CarbonOptions;
import io.lem.analysis.carbon.CarbonResolver;
import io.lem.analysis.carbon.CountryIntensityTable;
import io.lem.analysis.carbon.ElectricityMaps;
import io.lem.config.ExperimentConfig;

import static io.lem.result.Json.finiteOrNull;
import static io.lem.result.ResultFields.*;

/**
 * result.json's {@code carbon} section: CO2_g = E_kWh × CI × PUE and water_L = E_kWh × PUE × WUE for the measured
 * window's total and active energy, per request and per 1,000 output tokens. Without an intensity (no explicit value,
 * no country) every figure is null and the section says so: lem never guesses a country.
 */
final class RunCarbon {

    static final String NO_INTENSITY = "no carbon intensity given: set carbon.intensity_g_per_kwh or carbon.country";

    private RunCarbon() {
    }

    static CarbonOptions options(ExperimentConfig config) {
        return CarbonOptions.fromValues(config.values());
    }

    /** The intensity the config asks for (explicit, live provider, bundled table), or empty. */
    static Optional<CarbonIntensity> resolve(ExperimentConfig config) throws InterruptedException {
        return new CarbonResolver(System::getenv, new ElectricityMaps(ElectricityMaps.DEFAULT_BASE,
                Duration.ofSeconds(10)), CountryIntensityTable.bundled()).resolve(options(config));
    }

    static Map<String, Object> json(ExperimentConfig config, Optional<CarbonIntensity> resolved, ExperimentAnalysis a) {
        CarbonOptions options = options(config);
        Map<String, Object> json = new LinkedHashMap<>();
        CarbonIntensity ci = resolved.orElse(null);
        json.put(INTENSITY_G_PER_KWH, ci == null ? null : ci.gPerKwh());
        json.put(INTENSITY_SOURCE, ci == null ? null : ci.source());
        json.put(INTENSITY_LABEL, ci == null ? NO_INTENSITY : ci.label());
        json.put(ZONE, ci == null ? null : ci.zone());
        json.put(PUE, options.pue());
        json.put(WUE_L_PER_KWH, options.wueLPerKwh());
        json.put(FORMULA, "co2_g = energy_kwh * intensity_g_per_kwh * pue; water_l = energy_kwh * pue * wue_l_per_kwh;"
                + " energy of the measured window (IT energy, before PUE)");
        double total = a.measuredFigures().totalEnergyJ();
        double active = a.active().energyJ();
        CarbonFootprint t = footprint(total, ci, options);
        CarbonFootprint act = footprint(active, ci, options);
        json.put(CO2_G, t == null ? null : finiteOrNull(t.co2G()));
        json.put(WATER_L, t == null ? null : t.waterL());
        json.put(ACTIVE_CO2_G, act == null ? null : finiteOrNull(act.co2G()));
        json.put(ACTIVE_WATER_L, act == null ? null : act.waterL());
        long requests = a.requests().attributed().size();
        CarbonFootprint perRequest = t == null || requests == 0 ? null : t.perRequest(requests);
        CarbonFootprint per1k = t == null || a.requests().outputTokens() == 0 ? null : t.per1kTokens(a.requests().outputTokens());
        json.put(CO2_G_PER_REQUEST, perRequest == null ? null : perRequest.co2G());
        json.put(WATER_L_PER_REQUEST, perRequest == null ? null : perRequest.waterL());
        json.put(CO2_G_PER_1K_OUTPUT_TOKENS, per1k == null ? null : per1k.co2G());
        json.put(WATER_L_PER_1K_OUTPUT_TOKENS, per1k == null ? null : per1k.waterL());
        json.put(WARNINGS, ci == null ? List.of() : ci.warnings());
        return json;
    }

    private static CarbonFootprint footprint(double energyJ, CarbonIntensity ci, CarbonOptions options) {
        return ci == null || !(energyJ >= 0 && Double.isFinite(energyJ)) ? null : CarbonFootprint.of(energyJ, ci, options);
    }
}
