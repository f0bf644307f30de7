package io.lem.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    /** Against numpy.percentile's default (linear) on the same values, worked by hand. */
    @Test
    void percentilesInterpolateLinearlyBetweenOrderStatistics() {
        Double[] at = Stats.percentiles(List.of(4.0, 1.0, 3.0, 2.0), 50, 90, 99);
        assertThat(at[0]).isCloseTo(2.5, within(1e-12));
        assertThat(at[1]).isCloseTo(3.7, within(1e-12)); // rank 2.7: 3 + 0.7 x (4 - 3)
        assertThat(at[2]).isCloseTo(3.97, within(1e-12));
        assertThat(Stats.percentiles(List.of(7.0), 90)).containsExactly(7.0);
        assertThat(Stats.percentiles(List.of(), 50, 90)).containsExactly(null, null);
    }
}
