package io.lem.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    /** Against numpy.percentile's default (linear) on the same values, worked by hand. */
    @Test
    void percentilesInterpolateLinearlyBetweenOrderStatistics() {
        List<Double> v = List.of(4.0, 1.0, 3.0, 2.0);
        assertThat(Stats.percentile(v, 50)).isCloseTo(2.5, within(1e-12));
        assertThat(Stats.percentile(v, 90)).isCloseTo(3.7, within(1e-12)); // rank 2.7: 3 + 0.7 x (4 - 3)
        assertThat(Stats.percentile(v, 99)).isCloseTo(3.97, within(1e-12));
        assertThat(Stats.percentile(List.of(7.0), 90)).isEqualTo(7.0);
        assertThat(Stats.percentile(List.of(), 50)).isNull();
    }
}
