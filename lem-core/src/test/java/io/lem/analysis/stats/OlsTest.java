package io.lem.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** OLS against the closed forms for two regressors, and against data drawn from known α, β with seeded noise. */
class OlsTest {

    private static final double[] X1 = {100, 200, 150, 400, 300, 50, 250, 350};
    private static final double[] X2 = {20, 10, 40, 30, 60, 50, 15, 45};
    private static final double[] Y = {3.1, 2.9, 5.2, 5.0, 7.9, 5.8, 3.0, 6.6};

    private static double[][] rows() {
        double[][] rows = new double[X1.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {X1[i], X2[i]};
        }
        return rows;
    }

    /** P(|t₂| ≥ |t|) with t₂'s CDF in closed form: ½ + t / (2√(2 + t²)). */
    private static double twoSidedPDf2(double t) {
        return 1 - Math.abs(t) / Math.sqrt(2 + t * t);
    }

    @Test
    void twoRegressorsWithoutInterceptMatchTheClosedForm() {
        double s11 = 0, s22 = 0, s12 = 0, s1y = 0, s2y = 0, syy = 0;
        for (int i = 0; i < Y.length; i++) {
            s11 += X1[i] * X1[i];
            s22 += X2[i] * X2[i];
            s12 += X1[i] * X2[i];
            s1y += X1[i] * Y[i];
            s2y += X2[i] * Y[i];
            syy += Y[i] * Y[i];
        }
        double d = s11 * s22 - s12 * s12;
        double b1 = (s22 * s1y - s12 * s2y) / d;
        double b2 = (s11 * s2y - s12 * s1y) / d;
        double rss = 0;
        for (int i = 0; i < Y.length; i++) {
            double e = Y[i] - b1 * X1[i] - b2 * X2[i];
            rss += e * e;
        }
        double sigma2 = rss / 6;

        OlsFit fit = Ols.fit(List.of("x1", "x2"), rows(), Y, false);

        assertThat(fit.coefficient("x1").estimate()).isCloseTo(b1, within(1e-12));
        assertThat(fit.coefficient("x2").estimate()).isCloseTo(b2, within(1e-12));
        assertThat(fit.coefficient("x1").standardError()).isCloseTo(Math.sqrt(sigma2 * s22 / d), within(1e-12));
        assertThat(fit.coefficient("x2").standardError()).isCloseTo(Math.sqrt(sigma2 * s11 / d), within(1e-12));
        assertThat(fit.residualDf()).isEqualTo(6);
        assertThat(fit.rss()).isCloseTo(rss, within(1e-10));
        assertThat(fit.rSquared()).isCloseTo(1 - rss / syy, within(1e-12));
        assertThat(fit.adjustedRSquared()).isCloseTo(1 - (rss / syy) * 8 / 6, within(1e-12));
    }

    @Test
    void twoRegressorsWithInterceptMatchTheCentredClosedForm() {
        double m1 = 0, m2 = 0, my = 0;
        for (int i = 0; i < Y.length; i++) {
            m1 += X1[i] / Y.length;
            m2 += X2[i] / Y.length;
            my += Y[i] / Y.length;
        }
        double s11 = 0, s22 = 0, s12 = 0, s1y = 0, s2y = 0, tss = 0;
        for (int i = 0; i < Y.length; i++) {
            double a = X1[i] - m1, b = X2[i] - m2, c = Y[i] - my;
            s11 += a * a;
            s22 += b * b;
            s12 += a * b;
            s1y += a * c;
            s2y += b * c;
            tss += c * c;
        }
        double d = s11 * s22 - s12 * s12;
        double b1 = (s22 * s1y - s12 * s2y) / d;
        double b2 = (s11 * s2y - s12 * s1y) / d;
        double b0 = my - b1 * m1 - b2 * m2;
        double rss = 0;
        for (int i = 0; i < Y.length; i++) {
            double e = Y[i] - b0 - b1 * X1[i] - b2 * X2[i];
            rss += e * e;
        }
        double sigma2 = rss / 5;
        // Var(b0) = σ²·(1/n + [m1² s22 − 2 m1 m2 s12 + m2² s11] / d)
        double varB0 = sigma2 * (1.0 / 8 + (m1 * m1 * s22 - 2 * m1 * m2 * s12 + m2 * m2 * s11) / d);

        OlsFit fit = Ols.fit(List.of("x1", "x2"), rows(), Y, true);

        assertThat(fit.coefficients()).extracting(OlsFit.Coefficient::name).containsExactly("intercept", "x1", "x2");
        assertThat(fit.coefficient("intercept").estimate()).isCloseTo(b0, within(1e-10));
        assertThat(fit.coefficient("x1").estimate()).isCloseTo(b1, within(1e-12));
        assertThat(fit.coefficient("x2").estimate()).isCloseTo(b2, within(1e-12));
        assertThat(fit.coefficient("intercept").standardError()).isCloseTo(Math.sqrt(varB0), within(1e-10));
        assertThat(fit.coefficient("x1").standardError()).isCloseTo(Math.sqrt(sigma2 * s22 / d), within(1e-12));
        assertThat(fit.coefficient("x1").t()).isCloseTo(b1 / Math.sqrt(sigma2 * s22 / d), within(1e-9));
        assertThat(fit.rSquared()).isCloseTo(1 - rss / tss, within(1e-12));
        assertThat(fit.adjustedRSquared()).isCloseTo(1 - (rss / tss) * 7 / 5, within(1e-12));
        assertThat(fit.residualStandardError()).isCloseTo(Math.sqrt(sigma2), within(1e-12));
    }

    @Test
    void pValuesFollowStudentsT() {
        // 5 rows, intercept + 2 regressors: df = 2, where t's CDF has a closed form
        double[][] rows = {{1, 5}, {2, 3}, {3, 8}, {4, 1}, {5, 6}};
        double[] y = {2.3, 3.1, 6.9, 4.2, 8.8};
        OlsFit fit = Ols.fit(List.of("u", "v"), rows, y, true);
        assertThat(fit.residualDf()).isEqualTo(2);
        for (OlsFit.Coefficient c : fit.coefficients()) {
            assertThat(c.p()).isCloseTo(twoSidedPDf2(c.t()), within(1e-9));
        }
    }

    @Test
    void recoversKnownAlphaAndBetaFromNoisyData() {
        double alpha = 0.002;
        double beta = 0.05;
        SplittableRandom random = new SplittableRandom(42);
        List<PhaseSplit.Observation> observations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double prompt = 64 + random.nextInt(4000);
            double output = 16 + random.nextInt(1000);
            observations.add(new PhaseSplit.Observation(alpha * prompt + beta * output + 0.5 * random.nextGaussian(),
                    prompt, output));
        }
        PhaseSplit split = PhaseSplit.fit(observations, false);
        assertThat(Math.abs(split.alpha().estimate() - alpha)).isLessThan(4 * split.alpha().standardError());
        assertThat(Math.abs(split.beta().estimate() - beta)).isLessThan(4 * split.beta().standardError());
        assertThat(split.fit().rSquared()).isGreaterThan(0.99);
        PhaseSplit withIntercept = PhaseSplit.fit(observations, true);
        OlsFit.Coefficient c = withIntercept.fit().coefficient(Ols.INTERCEPT);
        assertThat(Math.abs(c.estimate())).isLessThan(4 * c.standardError());
        assertThat(split.toJson()).containsKeys("alpha_j_per_prompt_token", "beta_standard_error_j_per_output_token");
    }

    @Test
    void singularDesignsNameTheColumns() {
        List<PhaseSplit.Observation> proportional = List.of(new PhaseSplit.Observation(1, 100, 50),
                new PhaseSplit.Observation(2, 200, 100), new PhaseSplit.Observation(3, 300, 150));
        assertThatThrownBy(() -> PhaseSplit.fit(proportional, false)).isInstanceOfSatisfying(
                SingularDesignException.class, e -> {
                    assertThat(e.columns()).containsExactly("t_gen", "t_prefill");
                    assertThat(e.getMessage()).contains("'t_gen' = 0.500000·t_prefill").contains("fix:");
                });
        List<PhaseSplit.Observation> constantOutput = List.of(new PhaseSplit.Observation(1, 100, 16),
                new PhaseSplit.Observation(2, 200, 16), new PhaseSplit.Observation(3, 300, 16));
        assertThatThrownBy(() -> PhaseSplit.fit(constantOutput, true)).isInstanceOfSatisfying(
                SingularDesignException.class, e -> assertThat(e.columns()).containsExactly("t_gen", "intercept"));
        assertThatThrownBy(() -> PhaseSplit.fit(proportional.subList(0, 1), false))
                .isInstanceOf(SingularDesignException.class).hasMessageContaining("1 observation(s)");
    }

    /** The demo study's cycles: the same prompts, output within a token or two; α and β are not identified. */
    @Test
    void aDesignThatBarelyVariesIsNotFitted() {
        List<PhaseSplit.Observation> demo = List.of(new PhaseSplit.Observation(41.0, 768, 768),
                new PhaseSplit.Observation(44.5, 768, 767), new PhaseSplit.Observation(39.8, 768, 766),
                new PhaseSplit.Observation(47.1, 768, 768));
        assertThatThrownBy(() -> PhaseSplit.fit(demo, false)).isInstanceOfSatisfying(SingularDesignException.class,
                e -> assertThat(e.columns()).containsExactly(PhaseSplit.PREFILL, PhaseSplit.GENERATED))
                .hasMessageContaining("t_prefill barely varies").hasMessageContaining("coefficient of variation 0.000");
        // both vary, but together: output = prompt / 2 + a token of noise
        List<PhaseSplit.Observation> together = List.of(new PhaseSplit.Observation(10, 100, 50),
                new PhaseSplit.Observation(20, 200, 101), new PhaseSplit.Observation(30, 300, 150),
                new PhaseSplit.Observation(40, 400, 199));
        assertThatThrownBy(() -> PhaseSplit.fit(together, false)).isInstanceOf(SingularDesignException.class)
                .hasMessageContaining("move together");
    }
}
