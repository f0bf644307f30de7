package io.lem.report.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Matching, ratio and CI overlap on constructed points whose answers are worked out by hand. */
class PointComparisonTest {

    private static PointFigure point(String hash, int parallel, Double jpt, Double low, Double high) {
        return new PointFigure("dir", parallel, hash, Map.of("engine.parallel", (long) parallel), jpt, low, high,
                low == null ? 1 : 3, false);
    }

    @Test
    void matchesByHashThenByKeysWithRatioAndOverlap() {
        List<PointFigure> a = List.of(point("h1", 1, 2.0, 1.8, 2.2), point("h2", 2, 1.0, 0.9, 1.1),
                point("h3", 4, 0.5, 0.4, 0.6), point("h4", 8, 0.25, null, null));
        // h2's twin has a new hash (a setting outside the sweep changed) but the same keys; h9 has no twin in A
        List<PointFigure> b = List.of(point("h1", 1, 3.0, 2.5, 3.5), point("x2", 2, 1.2, 1.1, 1.3),
                point("h3", 4, 0.45, 0.41, 0.49), point("h4", 8, 0.3, 0.28, 0.32), point("h9", 16, 0.1, 0.09, 0.11));

        PointComparison c = PointComparison.of(a, b);

        assertThat(c.matched()).hasSize(4);
        PointComparison.Match m1 = c.matched().get(0);
        assertThat(m1.a().pointHash()).isEqualTo("h1");
        assertThat(m1.ratio()).isCloseTo(1.5, within(1e-12));
        assertThat(m1.overlap()).isEqualTo(PointComparison.Overlap.DISJOINT);   // [1.8, 2.2] vs [2.5, 3.5]
        PointComparison.Match m3 = c.matched().get(1);
        assertThat(m3.a().pointHash()).isEqualTo("h3");
        assertThat(m3.ratio()).isCloseTo(0.9, within(1e-12));
        assertThat(m3.overlap()).isEqualTo(PointComparison.Overlap.OVERLAP);    // [0.4, 0.6] holds [0.41, 0.49]
        PointComparison.Match m4 = c.matched().get(2);
        assertThat(m4.ratio()).isCloseTo(1.2, within(1e-12));
        assertThat(m4.overlap()).isEqualTo(PointComparison.Overlap.UNKNOWN);    // A has one cycle: no interval
        PointComparison.Match m2 = c.matched().get(3);
        assertThat(m2.matchedBy()).isEqualTo("keys");
        assertThat(m2.b().pointHash()).isEqualTo("x2");
        assertThat(m2.ratio()).isCloseTo(1.2, within(1e-12));
        assertThat(m2.overlap()).isEqualTo(PointComparison.Overlap.OVERLAP);    // [0.9, 1.1] touches [1.1, 1.3]
        assertThat(c.onlyA()).isEmpty();
        assertThat(c.onlyB()).extracting(PointFigure::pointHash).containsExactly("h9");
    }

    @Test
    void intervalsOverlapExactlyWhenTheyShareAValue() {
        assertThat(PointComparison.overlap(1.0, 2.0, 2.0, 3.0)).isEqualTo(PointComparison.Overlap.OVERLAP);
        assertThat(PointComparison.overlap(1.0, 2.0, 2.0000001, 3.0)).isEqualTo(PointComparison.Overlap.DISJOINT);
        assertThat(PointComparison.overlap(2.5, 3.0, 1.0, 2.4)).isEqualTo(PointComparison.Overlap.DISJOINT);
        assertThat(PointComparison.overlap(1.0, 4.0, 2.0, 3.0)).isEqualTo(PointComparison.Overlap.OVERLAP);
        assertThat(PointComparison.overlap(null, 4.0, 2.0, 3.0)).isEqualTo(PointComparison.Overlap.UNKNOWN);
    }

    @Test
    void anAmbiguousKeyMatchIsLeftUnmatched() {
        List<PointFigure> a = List.of(point("a", 1, 1.0, 0.9, 1.1));
        List<PointFigure> b = List.of(point("b", 1, 1.0, 0.9, 1.1), point("c", 1, 1.1, 1.0, 1.2));

        PointComparison c = PointComparison.of(a, b);

        assertThat(c.matched()).isEmpty();
        assertThat(c.onlyA()).hasSize(1);
        assertThat(c.onlyB()).hasSize(2);
    }
}
