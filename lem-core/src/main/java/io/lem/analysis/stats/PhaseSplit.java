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

    /** @throws SingularDesignException naming the columns when prompt and output tokens do not vary independently */
    public static PhaseSplit fit(List<Observation> observations, boolean intercept) {
        double[][] rows = new double[observations.size()][];
        double[] y = new double[observations.size()];
        for (int i = 0; i < rows.length; i++) {
            Observation o = observations.get(i);
            rows[i] = new double[] {o.promptTokens(), o.outputTokens()};
            y[i] = o.activeEnergyJ();
        }
        return new PhaseSplit(Ols.fit(List.of(PREFILL, GENERATED), rows, y, intercept));
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
