package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.MeanInterval;
import io.lem.plan.AdaptiveRule;
import io.lem.plan.ConfidenceInterval;
import io.lem.plan.Repetitions;
import org.junit.jupiter.api.Test;

/**
 * What adaptive repetition costs (docs/methodology.md §17's table): the rule with study.json's interval, run on
 * seeded normal per-cycle values of a given coefficient of variation, precision 0.02, min 3, max 10 cycles.
 */
class AdaptiveCostTest {

    private static final ConfidenceInterval STUDY_INTERVAL = (values, level) -> {
        io.lem.analysis.stats.ConfidenceInterval ci =
                MeanInterval.of(values, new BootstrapOptions(2_000, level, 1));
        return new ConfidenceInterval.Interval(ci.lower(), ci.upper());
    };

    /** Mean cycles a point needs, over {@code points} simulated points. */
    private static double meanCycles(double cv, int points, long seed) {
        AdaptiveRule rule = new AdaptiveRule(new Repetitions.Adaptive(0.02, 3, 10), STUDY_INTERVAL);
        SplittableRandom random = new SplittableRandom(seed);
        long total = 0;
        for (int p = 0; p < points; p++) {
            List<Double> values = new ArrayList<>();
            while (true) {
                values.add(1 + cv * random.nextGaussian());
                double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                if (!rule.decide(List.of(v)).points().getFirst().status().needsMore()) {
                    break;
                }
            }
            total += values.size();
        }
        return total / (double) points;
    }

    @Test
    void cyclesPerPointFollowTheCycleToCycleNoise() {
        // 1,000 points each; the SE of a mean is at most about 0.06 cycles
        assertThat(meanCycles(0.0025, 1000, 1)).as("CV 0.25 %%").isLessThan(3.02);
        assertThat(meanCycles(0.01, 1000, 2)).as("CV 1 %%").isBetween(3.55, 3.95);
        assertThat(meanCycles(0.02, 1000, 3)).as("CV 2 %%").isBetween(5.75, 6.35);
    }
}
