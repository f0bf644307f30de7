package io.lem.analysis.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;

/** CO2_g = E_kWh × CI × PUE and water_L = E_kWh × PUE × WUE, worked by hand; the bundled table; the options. */
class CarbonFootprintTest {

    static final CarbonIntensity CI_400 = new CarbonIntensity(400, "explicit", null, "test", List.of());

    @Test
    void footprintByHand() {
        // 7.2 MJ = 2 kWh; 2 × 400 × 1.5 = 1200 g; 2 × 1.5 × 1.8 = 5.4 L
        CarbonFootprint f = CarbonFootprint.of(7.2e6, CI_400, 1.5, 1.8);
        assertEquals(2.0, f.energyKwh(), 1e-12);
        assertEquals(1200.0, f.co2G(), 1e-9);
        assertEquals(5.4, f.waterL(), 1e-12);
        assertEquals(300.0, f.perRequest(4).co2G(), 1e-9);
        assertEquals(1.35, f.perRequest(4).waterL(), 1e-12);
        // 1200 g over 500 tokens → 2400 g per 1,000 tokens
        assertEquals(2400.0, f.per1kTokens(500).co2G(), 1e-9);
        assertNull(CarbonFootprint.of(7.2e6, CI_400, 1.5, null).waterL());
    }

    @Test
    void zeroCarbonGridIsAValidZero() {
        CarbonIntensity zero = new CarbonIntensity(0, "explicit", null, "test", List.of());
        CarbonFootprint f = CarbonFootprint.of(3.6e6, zero, 1.2, 2.0);
        assertEquals(0.0, f.co2G());
        assertEquals(2.4, f.waterL(), 1e-12);
    }

    @Test
    void bundledTableNamesSourceAndYear() {
        CountryIntensityTable table = CountryIntensityTable.bundled();
        assertEquals(213, table.size());
        // values of the fixture's FRA, DEU and CAF entries (codecarbon global_energy_mix.json)
        assertEquals(56.039, table.lookup("FRA").orElseThrow().gPerKwh());
        assertEquals(2023, table.lookup("fr").orElseThrow().year());
        assertEquals(380.95, table.lookup("DE").orElseThrow().gPerKwh());
        CarbonIntensity caf = table.intensity("CAF").orElseThrow();
        assertEquals(0.0, caf.gPerKwh());
        assertTrue(caf.label().contains("2022") && caf.label().contains("CodeCarbon"), caf.label());
        assertTrue(table.lookup("XX").isEmpty());
        assertEquals("DE", CountryIntensityTable.iso2("DEU").orElseThrow());
    }

    @Test
    void optionsNameTheKey() {
        CarbonOptions o = CarbonOptions.fromValues(Map.of("carbon.country", "DE", "carbon.pue", 1.2));
        assertEquals(1.2, o.pue());
        assertNull(o.intensityGPerKwh());
        assertEquals(1.0, CarbonOptions.fromValues(Map.of()).pue());
        assertEquals(0.0, CarbonOptions.fromValues(Map.of("carbon.intensity_g_per_kwh", "0")).intensityGPerKwh());
        assertEquals("carbon.pue", assertThrows(ConfigException.class,
                () -> CarbonOptions.fromValues(Map.of("carbon.pue", 0.9))).field());
        assertEquals("carbon.provider_api_key_env", assertThrows(ConfigException.class,
                () -> CarbonOptions.fromValues(Map.of("carbon.provider_api_key_env", "sk-abc123 key"))).field());
        assertEquals("carbon.intensity_g_per_kwh", assertThrows(ConfigException.class,
                () -> CarbonOptions.fromValues(Map.of("carbon.intensity_g_per_kwh", -1))).field());
    }
}
