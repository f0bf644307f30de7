package io.lem.analysis.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inference energy protocol's prefill/decode split: E_active ≈ α·T_prefill + β·T_gen (+ c with an intercept) fitted by OLS across
 * points or requests that vary input and output lengths, α in J per prompt token and β in J per generated token
 * (docs/methodology.md, "Phases"). Without an intercept the model says that no
 * tokens cost no active energy; the intercept version lets a fixed cost per observation show up instead of being
 * folded into α and β.
 */
public record PhaseSplit(OlsFit fit) {

    public static final String PREFILL = "t_prefill";
    public static final String GENERATED = "t_gen";

    /** One observation: the active energy of a window and the tokens processed in it. */
    public record Observation(double activeEnergyJ, double promptTokens, double outputTokens) {
    }

    /**
     * Below this coefficient of variation a column is, for a fit, a constant: the demo study's cycles differ by a
     * token or two of output and give α, β with standard errors ten times their size.
     */
    static final double MIN_CV = 0.05;
    /** Above this |correlation| of prompt and output tokens their effects cannot be told apart. */
    static final double MAX_CORRELATION = 0.99;

    /**
     * @throws SingularDesignException naming the columns when prompt and output tokens do not vary independently:
     *                                 exactly (the regression is singular) or nearly (either varies by less than
     *                                 {@link #MIN_CV} of its mean, or they move together beyond
     *                                 {@link #MAX_CORRELATION})
     */
    public static PhaseSplit fit(List<Observation> observations, boolean intercept) {
        double[][] rows = new double[observations.size()][];
        double[] y = new double[observations.size()];
        for (int i = 0; i < rows.length; i++) {
            Observation o = observations.get(i);
            rows[i] = new double[] {o.promptTokens(), o.outputTokens()};
            y[i] = o.activeEnergyJ();
        }
        // an exactly singular design gets Ols's own message (which column is which combination), a nearly singular
        // one this class's
        OlsFit fit = Ols.fit(List.of(PREFILL, GENERATED), rows, y, intercept);
        requireIndependentVariation(observations);
        return new PhaseSplit(fit);
    }

    private static void requireIndependentVariation(List<Observation> observations) {
        int n = observations.size();
        if (n < 3) {
            return; // Ols says why too few rows cannot be fitted
        }
        double mp = observations.stream().mapToDouble(Observation::promptTokens).average().orElseThrow();
        double mo = observations.stream().mapToDouble(Observation::outputTokens).average().orElseThrow();
        double spp = 0;
        double soo = 0;
        double spo = 0;
        for (Observation o : observations) {
            spp += (o.promptTokens() - mp) * (o.promptTokens() - mp);
            soo += (o.outputTokens() - mo) * (o.outputTokens() - mo);
            spo += (o.promptTokens() - mp) * (o.outputTokens() - mo);
        }
        double cvPrompt = Math.sqrt(spp / (n - 1)) / Math.abs(mp);
        double cvOutput = Math.sqrt(soo / (n - 1)) / Math.abs(mo);
        if (!(cvPrompt >= MIN_CV) || !(cvOutput >= MIN_CV)) {
            String column = !(cvPrompt >= MIN_CV) ? PREFILL : GENERATED;
            throw new SingularDesignException(String.format(java.util.Locale.ROOT, "%s barely varies (coefficient of"
                    + " variation %.3f of prompt tokens, %.3f of output tokens; each needs >= %.2f)", column, cvPrompt,
                    cvOutput, MIN_CV), List.of(column, column.equals(PREFILL) ? GENERATED : PREFILL));
        }
        double r = spo / Math.sqrt(spp * soo);
        if (Math.abs(r) > MAX_CORRELATION) {
            throw new SingularDesignException(String.format(java.util.Locale.ROOT, "prompt and output tokens move"
                    + " together (correlation %.4f; at most %.2f)", r, MAX_CORRELATION), List.of(GENERATED, PREFILL));
        }
    }

    public OlsFit.Coefficient alpha() {
        return fit.coefficient(PREFILL);
    }

    public OlsFit.Coefficient beta() {
        return fit.coefficient(GENERATED);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", fit.intercept() ? "e_active_j = alpha * t_prefill + beta * t_gen + intercept"
                : "e_active_j = alpha * t_prefill + beta * t_gen");
        json.put("alpha_j_per_prompt_token", Json.finite(alpha().estimate()));
        json.put("alpha_standard_error_j_per_prompt_token", Json.finite(alpha().standardError()));
        json.put("beta_j_per_output_token", Json.finite(beta().estimate()));
        json.put("beta_standard_error_j_per_output_token", Json.finite(beta().standardError()));
        json.put("fit", fit.toJson(Map.of(PREFILL, "j_per_prompt_token", GENERATED, "j_per_output_token",
                Ols.INTERCEPT, "j")));
        return json;
    }
}
