package io.lem.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.MeanInterval;
import io.lem.plan.AdaptiveRule.Status;
import org.junit.jupiter.api.Test;

/** The stop rule on designed values, with study.json's interval plugged in. */
class AdaptiveRuleTest {

    // two-sided 95 % quantiles t(0.975, df) from the standard t table (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2)
    private static final double T_DF2 = 4.303;
    private static final double T_DF4 = 2.776;

    /** The interval a study plugs in (study.json's own): Student's t for these few values. */
    private static final ConfidenceInterval STUDY_INTERVAL = (values, level) -> {
        io.lem.analysis.stats.ConfidenceInterval ci = MeanInterval.of(values, BootstrapOptions.DEFAULT.withLevel(level));
        return new ConfidenceInterval.Interval(ci.lower(), ci.upper());
    };

    @Test
    void eachPointStopsWhenItsIntervalIsNarrowEnoughOrAtTheCap() {
        AdaptiveRule rule = new AdaptiveRule(new Repetitions.Adaptive(0.02, 3, 5), STUDY_INTERVAL);
        AdaptiveRule.Decision decision = rule.decide(List.of(
                new double[] {100, 100.5, 99.5},              // s = 0.5: 4.303 * 0.5 / sqrt 3 = 1.24 % of 100
                new double[] {100, 104, 96},                  // s = 4: 9.9 %
                new double[] {100, 104, 96, 100, 100},        // at the cap of 5, s = 2.83: 3.5 %
                new double[] {100, 100}));                    // below min_cycles
        assertThat(decision.points()).extracting(AdaptiveRule.PointProgress::status)
                .containsExactly(Status.REACHED, Status.NEEDS_MORE, Status.CAP_WITHOUT_PRECISION,
                        Status.BELOW_MIN_CYCLES);
        AdaptiveRule.PointProgress first = decision.points().getFirst();
        assertThat(first.mean()).isCloseTo(100, within(1e-12));
        assertThat(first.relativeHalfWidth()).isCloseTo(T_DF2 * 0.5 / Math.sqrt(3) / 100, within(1e-5));
        assertThat(decision.points().get(2).relativeHalfWidth())
                .isCloseTo(T_DF4 * Math.sqrt(32.0 / 4 / 5) / 100, within(1e-5));
        assertThat(decision.reached()).containsExactly(1);
        assertThat(decision.needingMore()).containsExactly(2, 4);
        assertThat(decision.done()).isFalse();
        assertThat(decision.points().get(3).relativeHalfWidth()).isNull();
    }

    @Test
    void aPluggedIntervalDecides() {
        ConfidenceInterval fixedWidth = (values, level) -> new ConfidenceInterval.Interval(9.9, 10.1);
        AdaptiveRule.Decision decision = new AdaptiveRule(new Repetitions.Adaptive(0.02, 3, 10), fixedWidth)
                .decide(List.of(new double[] {5, 10, 15}, new double[] {1, 1, 1}));
        // 0.1 / 10 = 1 % reached; 0.1 / 1 = 10 % not
        assertThat(decision.reached()).containsExactly(1);
        assertThat(decision.needingMore()).containsExactly(2);
    }

    @Test
    void aZeroMeanNeverReachesARelativePrecision() {
        AdaptiveRule.Decision decision = new AdaptiveRule(new Repetitions.Adaptive(0.5, 3, 3), STUDY_INTERVAL)
                .decide(List.of(new double[] {-1, 0, 1}, new double[] {7, 7, 7}));
        assertThat(decision.points()).extracting(AdaptiveRule.PointProgress::status)
                .containsExactly(Status.CAP_WITHOUT_PRECISION, Status.REACHED);
        assertThat(decision.points().getFirst().relativeHalfWidth()).isInfinite();
        assertThat(decision.done()).isTrue();
    }
}
