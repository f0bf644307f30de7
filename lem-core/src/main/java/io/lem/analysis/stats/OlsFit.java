package io.lem.analysis.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordinary least-squares fit (see {@link Ols}).
 *
 * @param rSquared         1 − RSS/TSS, TSS about the mean with an intercept and about 0 without (the uncentred R²
 *                         of R's {@code lm} and statsmodels, since a model without intercept is compared with 0)
 * @param adjustedRSquared 1 − (1 − R²)·(n − k)/df_residual, k = 1 with an intercept and 0 without (R's rule)
 * @param residualStandardError √(RSS / df_residual), NaN without residual df
 */
public record OlsFit(List<Coefficient> coefficients, boolean intercept, int n, int residualDf, double rss,
                     double rSquared, double adjustedRSquared, double residualStandardError) {

    /** One coefficient; standard error, t = estimate / SE and its two-sided p are NaN without residual df. */
    public record Coefficient(String name, double estimate, double standardError, double t, double p) {
    }

    public OlsFit {
        coefficients = List.copyOf(coefficients);
    }

    public Coefficient coefficient(String name) {
        return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no coefficient '" + name + "' in "
                        + coefficients.stream().map(Coefficient::name).toList()));
    }

    /**
     * The JSON form. {@code units} maps a coefficient's name to the unit suffix of its estimate and standard error
     * (e.g. {@code t_prefill → j_per_prompt_token}); a name without one gets none.
     */
    public Map<String, Object> toJson(Map<String, String> units) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intercept", intercept);
        json.put("n", n);
        json.put("residual_df", residualDf);
        json.put("r_squared", Json.finite(rSquared));
        json.put("adjusted_r_squared", Json.finite(adjustedRSquared));
        json.put("residual_standard_error", Json.finite(residualStandardError));
        json.put("coefficients", coefficients.stream().map(c -> {
            String unit = units.getOrDefault(c.name(), "");
            Map<String, Object> coefficient = new LinkedHashMap<>();
            coefficient.put("name", c.name());
            coefficient.put(Json.key("estimate", unit), Json.finite(c.estimate()));
            coefficient.put(Json.key("standard_error", unit), Json.finite(c.standardError()));
            coefficient.put("t", Json.finite(c.t()));
            coefficient.put("p", Json.finite(c.p()));
            return coefficient;
        }).toList());
        return json;
    }
}
