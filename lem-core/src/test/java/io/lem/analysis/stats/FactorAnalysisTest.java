package io.lem.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Sums of squares written out by hand, or computed another way (Yates contrasts of a 2³ design). */
class FactorAnalysisTest {

    /**
     * A 2×2 with two replicates. Cells (A, B): (1,1) 10, 12 → 11; (1,2) 14, 16 → 15; (2,1) 20, 22 → 21;
     * (2,2) 30, 26 → 28. Grand mean 75 / 4 = 18.75. A means 13, 24.5; B means 16, 21.5.
     * SS_A = 4·(5.75² + 5.75²) = 264.5; SS_B = 4·(2.75² + 2.75²) = 60.5;
     * SS_cells = 2·(7.75² + 3.75² + 2.25² + 9.25²) = 2·164.75 = 329.5, so SS_AB = 329.5 − 264.5 − 60.5 = 4.5;
     * SS_E = (1 + 1) + (1 + 1) + (1 + 1) + (4 + 4) = 14; SS_T = 329.5 + 14 = 343.5;
     * df: A 1, B 1, AB 1, E 8 − 1 − 3 = 4.
     */
    private static List<Observation> twoByTwo() {
        return List.of(obs("1", "1", 10), obs("1", "1", 12), obs("1", "2", 14), obs("1", "2", 16),
                obs("2", "1", 20), obs("2", "1", 22), obs("2", "2", 30), obs("2", "2", 26));
    }

    private static Observation obs(String a, String b, double value) {
        return new Observation(Map.of("a", a, "b", b), value);
    }

    /** P(F(1, 4) ≥ F) = P(|t₄| ≥ √F), with t₄'s CDF in closed form: ½ + (3/8)·x/√(1+x²/4)·(1 − x²/(12(1+x²/4))). */
    private static double pF1And4(double f) {
        double x = Math.sqrt(f);
        double u = 1 + x * x / 4;
        double cdf = 0.5 + 3.0 / 8 * x / Math.sqrt(u) * (1 - x * x / (12 * u));
        return 2 * (1 - cdf);
    }

    @Test
    void rankingGivesLevelMeansRatiosAndEtaSquared() {
        FactorRanking ranking = FactorRanking.of(twoByTwo(), List.of("b", "a"));
        assertThat(ranking.ssTotal()).isCloseTo(343.5, within(1e-9));
        assertThat(ranking.grandMean()).isCloseTo(18.75, within(1e-12));
        FactorImportance first = ranking.factors().get(0);
        assertThat(first.factor()).isEqualTo("a");
        assertThat(first.levels()).extracting(FactorImportance.LevelMean::level).containsExactly("1", "2");
        assertThat(first.levels().get(0).mean()).isCloseTo(13, within(1e-12));
        assertThat(first.levels().get(1).mean()).isCloseTo(24.5, within(1e-12));
        assertThat(first.maxMinRatio()).isCloseTo(24.5 / 13, within(1e-12));
        assertThat(first.etaSquared()).isCloseTo(264.5 / 343.5, within(1e-12));
        FactorImportance second = ranking.factors().get(1);
        assertThat(second.factor()).isEqualTo("b");
        assertThat(second.etaSquared()).isCloseTo(60.5 / 343.5, within(1e-12));
        assertThat(second.maxMinRatio()).isCloseTo(21.5 / 16, within(1e-12));
        Map<String, Object> json = ranking.toJson("j_per_output_token");
        assertThat(json).containsEntry("n", 8).containsKey("grand_mean_j_per_output_token");
    }

    @Test
    void twoWayAnovaOfTheDesignedDataSet() {
        Anova anova = (Anova) FactorialAnova.of(twoByTwo(), List.of("a", "b"));
        double msE = 14.0 / 4;
        assertThat(anova.replicates()).isEqualTo(2);
        assertThat(anova.residualDf()).isEqualTo(4);
        assertThat(anova.residualSs()).isCloseTo(14, within(1e-9));
        assertThat(anova.totalSs()).isCloseTo(343.5, within(1e-9));
        assertThat(anova.totalDf()).isEqualTo(7);
        double[][] expected = {{264.5}, {60.5}, {4.5}};
        List<Anova.Term> terms = List.of(anova.term("a"), anova.term("b"), anova.term("a", "b"));
        for (int i = 0; i < 3; i++) {
            double ss = expected[i][0];
            Anova.Term t = terms.get(i);
            assertThat(t.df()).isEqualTo(1);
            assertThat(t.ss()).isCloseTo(ss, within(1e-9));
            assertThat(t.etaSquared()).isCloseTo(ss / 343.5, within(1e-12));
            assertThat(t.partialEtaSquared()).isCloseTo(ss / (ss + 14), within(1e-12));
            assertThat(t.f()).isCloseTo(ss / msE, within(1e-9));
            assertThat(t.p()).isCloseTo(pF1And4(ss / msE), within(1e-9));
        }
        assertThat(anova.term("a", "b").name()).isEqualTo("a × b");
        assertThat(anova.toJson()).containsEntry("applicable", true).containsKey("terms");
    }

    @Test
    void unreplicatedTwoToTheThreeMatchesYatesContrasts() {
        // standard order (1), a, b, ab, c, ac, bc, abc; each effect's SS = (Σ sign·y)² / 8
        double[] y = {1.2, 3.1, 2.2, 6.3, 2.0, 4.4, 3.5, 9.1};
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            observations.add(new Observation(Map.of("a", "" + (i & 1), "b", "" + (i >> 1 & 1), "c", "" + (i >> 2 & 1)),
                    y[i]));
        }
        Anova anova = (Anova) FactorialAnova.of(observations, List.of("a", "b", "c"));
        int[][] effects = {{1}, {2}, {4}, {1, 2}, {1, 4}, {2, 4}};
        String[][] names = {{"a"}, {"b"}, {"c"}, {"a", "b"}, {"a", "c"}, {"b", "c"}};
        for (int e = 0; e < effects.length; e++) {
            assertThat(anova.term(names[e]).ss()).isCloseTo(yatesSs(y, effects[e]), within(1e-9));
        }
        // the residual is the three-way interaction, 1 df
        assertThat(anova.residualDf()).isEqualTo(1);
        assertThat(anova.residualSs()).isCloseTo(yatesSs(y, new int[] {1, 2, 4}), within(1e-9));
    }

    private static double yatesSs(double[] y, int[] bits) {
        double contrast = 0;
        for (int i = 0; i < y.length; i++) {
            int sign = 1;
            for (int bit : bits) {
                sign *= (i & bit) != 0 ? 1 : -1;
            }
            contrast += sign * y[i];
        }
        return contrast * contrast / y.length;
    }

    @Test
    void termsAndResidualAddUpOnRandomBalancedDesigns() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 20; trial++) {
            int levelsA = 2 + random.nextInt(3);
            int levelsB = 2 + random.nextInt(3);
            int replicates = 1 + random.nextInt(3);
            List<Observation> observations = new ArrayList<>();
            for (int a = 0; a < levelsA; a++) {
                for (int b = 0; b < levelsB; b++) {
                    for (int r = 0; r < replicates; r++) {
                        observations.add(obs("" + a, "" + b, a * 0.3 + b * b * 0.1 + random.nextGaussian()));
                    }
                }
            }
            Anova anova = (Anova) FactorialAnova.of(observations);
            double sum = anova.residualSs() + anova.terms().stream().mapToDouble(Anova.Term::ss).sum();
            assertThat(sum).isCloseTo(anova.totalSs(), within(1e-9));
            assertThat(anova.residualDf()).isEqualTo(levelsA * levelsB * (replicates - 1));
            assertThat(anova.terms()).allSatisfy(t -> assertThat(t.ss()).isGreaterThanOrEqualTo(-1e-9));
            if (replicates == 1) {
                assertThat(anova.term("a").f()).isNaN();
            }
        }
    }

    @Test
    void unbalancedOrIncompleteDesignsAreNotApplicableWithTheReason() {
        List<Observation> dropped = new ArrayList<>(twoByTwo());
        dropped.remove(7);
        assertThat(FactorialAnova.of(dropped)).isInstanceOfSatisfying(AnovaOutcome.NotApplicable.class,
                n -> assertThat(n.reason()).contains("unbalanced").contains("{a=2, b=2} has 1"));
        List<Observation> incomplete = twoByTwo().subList(0, 6);
        assertThat(FactorialAnova.of(incomplete)).isInstanceOfSatisfying(AnovaOutcome.NotApplicable.class,
                n -> assertThat(n.reason()).contains("3 of the 4 combinations"));
        assertThat(FactorialAnova.of(twoByTwo(), List.of("a"))).isInstanceOf(AnovaOutcome.NotApplicable.class);
    }

    @Test
    void everyObservationMustGiveEveryFactor() {
        List<Observation> observations = List.of(obs("1", "1", 1), new Observation(Map.of("a", "2"), 2));
        assertThatThrownBy(() -> FactorRanking.of(observations, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observation 1")
                .hasMessageContaining("'b'");
    }
}
