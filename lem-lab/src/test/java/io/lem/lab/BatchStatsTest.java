package io.lem.lab;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The batch row's statistics against values computed by Python for the seed's own 30 measured runs. */
class BatchStatsTest {

    @Test
    void matchesPythonOnTheSeedsThirtyMeasuredRuns() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/benchmark_variability_runs.json")) {
            fixture = LabJson.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        double[] values = fixture.path("values").valueStream().mapToDouble(JsonNode::doubleValue).toArray();
        BatchStats s = BatchStats.of(values);
        // python3: statistics.mean/median/stdev, numpy.percentile(v, 5 and 95)
        assertThat(s.n()).isEqualTo(30);
        assertThat(s.mean()).isCloseTo(0.040182213243766904, within(1e-15));
        assertThat(s.median()).isCloseTo(0.04030193978281697, within(1e-15));
        assertThat(s.std()).isCloseTo(0.002290148837991891, within(1e-15));
        assertThat(s.p5()).isCloseTo(0.035820093014564264, within(1e-15));
        assertThat(s.p95()).isCloseTo(0.043918529268261564, within(1e-15));
        assertThat(s.cv()).isCloseTo(0.05699409398130006, within(1e-14));
    }

    @Test
    void oneRunHasNoSpreadRatherThanAZeroOne() {
        BatchStats s = BatchStats.of(new double[] {0.04, Double.NaN});
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(0.04);
        assertThat(s.p95()).isEqualTo(0.04);
        assertThat(s.std()).isNaN();
        assertThat(s.cv()).isNaN();
        assertThat(s.toJson()).containsEntry("std", null).containsEntry("cv", null);
    }

    @Test
    void aSummaryOfNoCompletedRunIsStillASummaryWithNullFigures() {
        Map<String, Object> summary = BatchStats.summary(List.of(), 3, true);
        assertThat(summary).containsEntry("completed_runs", 0).containsEntry("cancelled", true);
        assertThat(LabJson.write(summary)).contains("\"mean\":null");
    }
}
