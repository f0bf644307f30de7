package io.lem.analysis.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Main effects and two-way interactions of a balanced full-factorial design (see {@link FactorialAnova}).
 * The residual holds everything else: replication error and, with three or more factors, the higher-order
 * interactions (the usual pooling when those are assumed small).
 *
 * @param replicates observations per cell of the full factorial
 */
public record Anova(List<Term> terms, int residualDf, double residualSs, int totalDf, double totalSs,
                    int replicates) implements AnovaOutcome {

    /**
     * One term. η² = SS / SS_total; partial η² = SS / (SS + SS_residual) (Cohen 1973), NaN without residual df;
     * F = MS / MS_residual and p = P(F(df, df_residual) ≥ F), NaN without residual df or residual variance.
     */
    public record Term(String name, List<String> factors, int df, double ss, double meanSquare, double etaSquared,
                       double partialEtaSquared, double f, double p) {

        public Term {
            factors = List.copyOf(factors);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("term", name);
            json.put("factors", factors);
            json.put("df", df);
            json.put("ss", Json.finite(ss));
            json.put("mean_square", Json.finite(meanSquare));
            json.put("eta_squared", Json.finite(etaSquared));
            json.put("partial_eta_squared", Json.finite(partialEtaSquared));
            json.put("f", Json.finite(f));
            json.put("p", Json.finite(p));
            return json;
        }
    }

    public Anova {
        terms = List.copyOf(terms);
    }

    public double residualMeanSquare() {
        return residualDf > 0 ? residualSs / residualDf : Double.NaN;
    }

    /** The term of these factors (one for a main effect, two for an interaction), or null. */
    public Term term(String... factors) {
        return terms.stream().filter(t -> t.factors().equals(List.of(factors))).findFirst().orElse(null);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applicable", true);
        json.put("replicates", replicates);
        json.put("terms", terms.stream().map(Term::toJson).toList());
        Map<String, Object> residual = new LinkedHashMap<>();
        residual.put("df", residualDf);
        residual.put("ss", Json.finite(residualSs));
        residual.put("mean_square", Json.finite(residualMeanSquare()));
        json.put("residual", residual);
        json.put("total", Map.of("df", totalDf, "ss", totalSs));
        return json;
    }
}
