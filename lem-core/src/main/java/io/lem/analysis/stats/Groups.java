package io.lem.analysis.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Means and sums of squares of observations grouped by a key, in the order the groups first appear. */
final class Groups {

    record Group(String key, double sum, int n) {
        double mean() {
            return sum / n;
        }
    }

    private Groups() {
    }

    static Map<String, Group> by(List<Observation> observations, Function<Integer, String> keyOfIndex) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            String key = keyOfIndex.apply(i);
            groups.merge(key, new Group(key, observations.get(i).value(), 1),
                    (a, b) -> new Group(a.key(), a.sum() + b.sum(), a.n() + b.n()));
        }
        return groups;
    }

    /** SS_between = Σ_groups n_g·(mean_g − grand mean)². */
    static double ssBetween(Map<String, Group> groups, double grandMean) {
        double ss = 0;
        for (Group g : groups.values()) {
            ss += g.n() * (g.mean() - grandMean) * (g.mean() - grandMean);
        }
        return ss;
    }

    static double mean(List<Observation> observations) {
        double sum = 0;
        for (Observation o : observations) {
            sum += o.value();
        }
        return sum / observations.size();
    }

    /** SS_total = Σ (value − grand mean)². */
    static double ssTotal(List<Observation> observations, double grandMean) {
        double ss = 0;
        for (Observation o : observations) {
            ss += (o.value() - grandMean) * (o.value() - grandMean);
        }
        return ss;
    }

    /** The factors of the first observation, sorted by name: a Map.of's order must not decide the output's. */
    static List<String> factors(List<Observation> observations) {
        return observations.isEmpty() ? List.of()
                : observations.getFirst().levels().keySet().stream().sorted().toList();
    }

    static void requireFinite(List<Observation> observations) {
        for (int i = 0; i < observations.size(); i++) {
            if (!Double.isFinite(observations.get(i).value())) {
                throw new IllegalArgumentException("observation " + i + " has value " + observations.get(i).value()
                        + ": drop failed cycles before the analysis");
            }
        }
    }
}
