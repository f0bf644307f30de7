package io.lem.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** An ECDF of many values is drawn through at most MAX_ECDF_POINTS of its own exact steps. */
class EcdfTest {

    @Test
    void aSmallSampleIsDrawnWhole() {
        List<ChartSpec.Series> series = new ArrayList<>();
        Charts.ecdf(series, "TTFT", List.of(3.0, 1.0, 2.0, Double.NaN));
        assertThat(series.getFirst().x()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.getFirst().y()).containsExactly(1 / 3.0, 2 / 3.0, 1.0);
        assertThat(series.getFirst().name()).isEqualTo("TTFT");
    }

    @Test
    void aLargeSampleKeepsExactPointsOfItsEcdf() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 300_001;
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(random.nextDouble() * 1000); // distinct with probability ~1
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        Charts.ecdf(series, "ITL", values);
        ChartSpec.Series s = series.getFirst();
        assertThat(s.size()).isEqualTo(Charts.MAX_ECDF_POINTS);
        assertThat(s.name()).isEqualTo("ITL (2000 of 300001 steps)");
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(s.x()[0]).isEqualTo(sorted[0]);
        assertThat(s.x()[s.size() - 1]).isEqualTo(sorted[n - 1]);
        assertThat(s.y()[s.size() - 1]).isEqualTo(1.0);
        for (int j = 0; j < s.size(); j += 97) {
            double x = s.x()[j];
            long atOrBelow = values.stream().filter(v -> v <= x).count(); // the ECDF, counted directly
            assertThat(s.y()[j]).isEqualTo((double) atOrBelow / n);
        }
    }
}
