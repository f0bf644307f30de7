package io.lem.analysis.carbon;

/**
 * Carbon and water of an energy figure (docs/methodology.md, after the inference energy protocol):
 * CO2_g = E_kWh × CI_g_per_kWh × PUE and water_L = E_kWh × PUE × WUE_L_per_kWh (only when a WUE is given).
 * J inside lem; kWh only here, at the edge (1 kWh = 3.6 MJ).
 *
 * @param energyJ   the energy it is computed from (IT energy, before PUE)
 * @param co2G      grams CO2eq
 * @param waterL    litres, or null without a WUE
 * @param intensity the intensity used, with its source
 * @param pue       the PUE used
 */
public record CarbonFootprint(double energyJ, double co2G, Double waterL, CarbonIntensity intensity, double pue,
                              Double wueLPerKwh) {

    public static final double J_PER_KWH = 3.6e6;

    public static CarbonFootprint of(double energyJ, CarbonIntensity intensity, double pue, Double wueLPerKwh) {
        if (!(energyJ >= 0 && Double.isFinite(energyJ))) {
            throw new IllegalArgumentException("energy must be a finite number ≥ 0 J, got " + energyJ);
        }
        double kwh = energyJ / J_PER_KWH;
        Double water = wueLPerKwh == null ? null : kwh * pue * wueLPerKwh;
        return new CarbonFootprint(energyJ, kwh * intensity.gPerKwh() * pue, water, intensity, pue, wueLPerKwh);
    }

    public static CarbonFootprint of(double energyJ, CarbonIntensity intensity, CarbonOptions options) {
        return of(energyJ, intensity, options.pue(), options.wueLPerKwh());
    }

    public double energyKwh() {
        return energyJ / J_PER_KWH;
    }

    /** The same footprint shared evenly over {@code requests}. */
    public CarbonFootprint perRequest(long requests) {
        return scaled(1.0 / positive(requests, "requests"));
    }

    /** The footprint of 1,000 tokens when this one covers {@code tokens} (say which tokens in the field name). */
    public CarbonFootprint per1kTokens(long tokens) {
        return scaled(1000.0 / positive(tokens, "tokens"));
    }

    private CarbonFootprint scaled(double factor) {
        return new CarbonFootprint(energyJ * factor, co2G * factor, waterL == null ? null : waterL * factor,
                intensity, pue, wueLPerKwh);
    }

    private static long positive(long n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
        return n;
    }
}
