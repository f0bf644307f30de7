package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void matchesNumpyLinearPercentiles() {
        // numpy.percentile([1..10], [50, 90, 95, 99]) = 5.5, 9.1, 9.55, 9.91 ; std(ddof=1) = 3.0276503540974917
        Distribution d = Distribution.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(d.count()).isEqualTo(10);
        assertThat(d.mean()).isEqualTo(5.5);
        assertThat(d.median()).isEqualTo(5.5);
        assertThat(d.p90()).isCloseTo(9.1, within(1e-12));
        assertThat(d.p95()).isCloseTo(9.55, within(1e-12));
        assertThat(d.p99()).isCloseTo(9.91, within(1e-12));
        assertThat(d.std()).isCloseTo(3.0276503540974917, within(1e-12));
    }

    @Test
    void ignoresNaNAndHandlesEmpty() {
        assertThat(Distribution.of(new double[] {Double.NaN, 2}).mean()).isEqualTo(2);
        assertThat(Distribution.of(new double[0]).count()).isZero();
        assertThat(Distribution.of(new double[0]).toJson("ms")).containsEntry("mean_ms", null);
    }
}
