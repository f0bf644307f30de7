package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every factor's {@link FactorImportance}, largest η² first (ties, and NaN last, in the order the factors are
 * given). One-factor η² ignores the other factors, so in an unbalanced design the shares need not add up to 1;
 * {@link FactorialAnova} gives the joint decomposition where the design allows it.
 */
public record FactorRanking(List<FactorImportance> factors, int n, double grandMean, double ssTotal) {

    public FactorRanking {
        factors = List.copyOf(factors);
    }

    /** Ranks the factors of the first observation's level map (every observation must give them all). */
    public static FactorRanking of(List<Observation> observations) {
        return of(observations, Groups.factors(observations));
    }

    public static FactorRanking of(List<Observation> observations, List<String> factors) {
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("no observations to rank factors on");
        }
        Groups.requireFinite(observations);
        double grandMean = Groups.mean(observations);
        double ssTotal = Groups.ssTotal(observations, grandMean);
        List<FactorImportance> ranked = new ArrayList<>();
        for (String factor : factors) {
            ranked.add(FactorImportance.of(factor, observations, grandMean, ssTotal));
        }
        ranked.sort(Comparator.comparingDouble(
                (FactorImportance f) -> Double.isNaN(f.etaSquared()) ? Double.NEGATIVE_INFINITY : f.etaSquared())
                .reversed());
        return new FactorRanking(ranked, observations.size(), grandMean, ssTotal);
    }

    public Map<String, Object> toJson(String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put(Json.key("grand_mean", unit), Json.finite(grandMean));
        json.put("ss_total", Json.finite(ssTotal));
        json.put("factors", factors.stream().map(f -> f.toJson(unit)).toList());
        return json;
    }
}
