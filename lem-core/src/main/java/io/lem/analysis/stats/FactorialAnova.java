package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hipparchus.distribution.continuous.FDistribution;

/**
 * Sums of squares of a balanced full-factorial design, main effects and two-way interactions (Montgomery, "Design
 * and Analysis of Experiments", ch. 5): SS_A = Σ_levels n_a·(ȳ_a − ȳ)², SS_AB = SS_cells(AB) − SS_A − SS_B with
 * SS_cells(AB) = Σ_cells n_ab·(ȳ_ab − ȳ)², SS_residual = SS_total − Σ terms; df_A = a − 1, df_AB = (a − 1)(b − 1),
 * df_residual = N − 1 − Σ df. These add up only when the design is balanced (every combination of levels with the
 * same count), which is why anything else is {@link AnovaOutcome.NotApplicable}.
 */
public final class FactorialAnova {

    /** A residual this small against SS_total is the rounding of an exact fit, not variance. */
    private static final double ROUNDING = 1e-12;

    private FactorialAnova() {
    }

    public static AnovaOutcome of(List<Observation> observations) {
        return of(observations, Groups.factors(observations));
    }

    public static AnovaOutcome of(List<Observation> observations, List<String> factors) {
        Groups.requireFinite(observations);
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String factor : factors) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < observations.size(); i++) {
                seen.add(observations.get(i).level(factor, i));
            }
            if (seen.size() < 2) {
                return new AnovaOutcome.NotApplicable("factor '" + factor + "' has " + seen.size()
                        + " level(s): every factor needs at least 2");
            }
            levels.put(factor, List.copyOf(seen));
        }
        if (factors.size() < 2) {
            return new AnovaOutcome.NotApplicable("a factorial ANOVA needs 2 or more factors, got " + factors);
        }
        String unbalanced = unbalanced(observations, factors, levels);
        if (unbalanced != null) {
            return new AnovaOutcome.NotApplicable(unbalanced);
        }
        int cells = levels.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        return decompose(observations, factors, levels, observations.size() / cells);
    }

    private static Anova decompose(List<Observation> observations, List<String> factors,
                                   Map<String, List<String>> levels, int replicates) {
        double grand = Groups.mean(observations);
        double ssTotal = Groups.ssTotal(observations, grand);
        List<double[]> dfSs = new ArrayList<>();
        List<List<String>> termFactors = new ArrayList<>();
        Map<String, Double> mainSs = new LinkedHashMap<>();
        for (String f : factors) {
            double ss = Groups.ssBetween(Groups.by(observations, i -> observations.get(i).level(f, i)), grand);
            mainSs.put(f, ss);
            termFactors.add(List.of(f));
            dfSs.add(new double[] {levels.get(f).size() - 1, ss});
        }
        for (int a = 0; a < factors.size(); a++) {
            for (int b = a + 1; b < factors.size(); b++) {
                String fa = factors.get(a);
                String fb = factors.get(b);
                double cells = Groups.ssBetween(Groups.by(observations,
                        i -> cellKey(observations.get(i), List.of(fa, fb), i)), grand);
                termFactors.add(List.of(fa, fb));
                dfSs.add(new double[] {(levels.get(fa).size() - 1) * (levels.get(fb).size() - 1),
                    cells - mainSs.get(fa) - mainSs.get(fb)});
            }
        }
        int residualDf = observations.size() - 1;
        double residualSs = ssTotal;
        for (double[] t : dfSs) {
            residualDf -= (int) t[0];
            residualSs -= t[1];
        }
        if (Math.abs(residualSs) <= ROUNDING * ssTotal) {
            residualSs = 0;
        }
        double msResidual = residualDf > 0 ? residualSs / residualDf : Double.NaN;
        List<Anova.Term> terms = new ArrayList<>();
        for (int t = 0; t < dfSs.size(); t++) {
            int df = (int) dfSs.get(t)[0];
            double ss = dfSs.get(t)[1];
            double ms = ss / df;
            double f = residualDf > 0 && msResidual > 0 ? ms / msResidual : Double.NaN;
            double p = Double.isNaN(f) ? Double.NaN : 1 - new FDistribution(df, residualDf).cumulativeProbability(f);
            terms.add(new Anova.Term(String.join(" × ", termFactors.get(t)), termFactors.get(t), df, ss, ms,
                    ssTotal > 0 ? ss / ssTotal : Double.NaN,
                    residualDf > 0 && ss + residualSs > 0 ? ss / (ss + residualSs) : Double.NaN, f, p));
        }
        return new Anova(terms, residualDf, residualSs, observations.size() - 1, ssTotal, replicates);
    }

    /** Null when every cell of the full factorial holds the same number of observations, else what is wrong. */
    private static String unbalanced(List<Observation> observations, List<String> factors,
                                     Map<String, List<String>> levels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            counts.merge(cellKey(observations.get(i), factors, i), 1, Integer::sum);
        }
        int cells = levels.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        if (counts.size() < cells) {
            return "not a full factorial: " + counts.size() + " of the " + cells + " combinations of " + levels
                    + " were measured";
        }
        int first = counts.values().iterator().next();
        for (Map.Entry<String, Integer> cell : counts.entrySet()) {
            if (cell.getValue() != first) {
                return "unbalanced: cell " + cell.getKey() + " has " + cell.getValue() + " observation(s), "
                        + counts.keySet().iterator().next() + " has " + first;
            }
        }
        return null;
    }

    private static String cellKey(Observation o, List<String> factors, int index) {
        StringBuilder key = new StringBuilder("{");
        for (String f : factors) {
            key.append(key.length() > 1 ? ", " : "").append(f).append('=').append(o.level(f, index));
        }
        return key.append('}').toString();
    }
}
