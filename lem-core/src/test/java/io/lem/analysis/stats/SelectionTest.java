package io.lem.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Pareto fronts against the definition checked pair by pair; SLO parsing and selection on hand-made points. */
class SelectionTest {

    private static final String J = SelectionPoint.JOULES_PER_OUTPUT_TOKEN;
    private static final String TPS = SelectionPoint.TOKENS_PER_SECOND;

    private static SelectionPoint point(String id, double j, double latencyMs, double tps) {
        return new SelectionPoint(id, Map.of(J, j, "e2e_p50_ms", latencyMs, TPS, tps));
    }

    @Test
    void energyLatencyFrontOfAHandMadeSet() {
        List<SelectionPoint> points = List.of(point("a", 0.5, 900, 10), point("b", 0.3, 1200, 20),
                point("c", 0.6, 950, 15), point("d", 0.3, 1200, 25), point("e", 0.8, 400, 30),
                point("f", 0.3, 1300, 5), new SelectionPoint("g", Map.of(J, 0.1)));
        ParetoFront front = ParetoFront.energyLatency(points, "e2e_p50_ms");
        // c is beaten by a (cheaper and faster); f by b; b and d tie exactly and both stay, in input order
        assertThat(front.front()).extracting(SelectionPoint::id).containsExactly("b", "d", "a", "e");
        assertThat(front.excluded()).containsExactly("g");
        assertThat(front.toJson()).containsKeys("objectives", "points", "excluded_points");
    }

    @Test
    void energyThroughputFrontMaximisesTokensPerSecond() {
        List<SelectionPoint> points = List.of(point("a", 0.5, 900, 10), point("b", 0.3, 1200, 20),
                point("c", 0.6, 950, 15), point("d", 0.3, 1200, 25), point("e", 0.8, 400, 30));
        // d beats b (same J, more tokens/s); a and c are beaten by d; e has the most tokens/s
        assertThat(ParetoFront.energyThroughput(points).front()).extracting(SelectionPoint::id)
                .containsExactly("d", "e");
    }

    @RepeatedTest(25)
    void sweepAgreesWithThePairwiseDefinition(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        List<SelectionPoint> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // coarse grids make ties and exact duplicates common
            points.add(point("p" + i, random.nextInt(8) / 10.0, 100 * random.nextInt(8), random.nextInt(6)));
        }
        for (boolean throughput : new boolean[] {false, true}) {
            ParetoFront front = throughput ? ParetoFront.energyThroughput(points)
                    : ParetoFront.energyLatency(points, "e2e_p50_ms");
            List<SelectionPoint> expected = new ArrayList<>();
            for (SelectionPoint p : points) {
                boolean dominated = false;
                for (SelectionPoint q : points) {
                    double qy = throughput ? -q.metric(TPS) : q.metric("e2e_p50_ms");
                    double py = throughput ? -p.metric(TPS) : p.metric("e2e_p50_ms");
                    if (q.metric(J) <= p.metric(J) && qy <= py && (q.metric(J) < p.metric(J) || qy < py)) {
                        dominated = true;
                    }
                }
                if (!dominated) {
                    expected.add(p);
                }
            }
            expected.sort(Comparator.comparingDouble((SelectionPoint p) -> p.metric(J))
                    .thenComparingDouble(p -> throughput ? -p.metric(TPS) : p.metric("e2e_p50_ms"))
                    .thenComparingInt(points::indexOf));
            assertThat(front.front()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void parsesTheIssuesForm() {
        Slo slo = Slo.parse("ttft_p50:500 itl_p50:50");
        assertThat(slo.thresholds()).containsExactly(new Slo.Threshold("ttft_p50", 500),
                new Slo.Threshold("itl_p50", 50));
        assertThat(Slo.parse(List.of("TTFT_P99:1e3", "e2e_mean:2500.5")).thresholds())
                .containsExactly(new Slo.Threshold("ttft_p99", 1000), new Slo.Threshold("e2e_mean", 2500.5));
        assertThat(Slo.parse(slo.toString())).isEqualTo(slo);
        assertThat(slo.toJson()).containsEntry("ttft_p50_ms", 500.0).containsEntry("itl_p50_ms", 50.0);
    }

    @Test
    void unknownMetricsAndBadThresholdsAreConfigErrors() {
        assertThatThrownBy(() -> Slo.parse("ttft_p50:500 goodput_p50:3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("slo: unknown metric 'goodput_p50'").hasMessageContaining("ttft_p50")
                .hasMessageContaining("itl_p99").hasMessageContaining("e2e_mean");
        assertThatThrownBy(() -> Slo.parse("ttft_p50:-1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("positive number of ms, got '-1'");
        assertThatThrownBy(() -> Slo.parse("ttft_p50")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("METRIC:MS");
        assertThatThrownBy(() -> Slo.parse("ttft_p50:5 ttft_p50:6")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Slo.parse(" ")).isInstanceOf(ConfigException.class);
    }

    @Test
    void selectsTheLowestEnergyPointMeetingEveryObjective() {
        Slo slo = Slo.parse("ttft_p50:500 itl_p50:50");
        List<SelectionPoint> points = List.of(
                new SelectionPoint("cheap-slow", Map.of(J, 0.2, "ttft_p50_ms", 800.0, "itl_p50_ms", 40.0)),
                new SelectionPoint("ok", Map.of(J, 0.4, "ttft_p50_ms", 500.0, "itl_p50_ms", 50.0)),
                new SelectionPoint("ok-too", Map.of(J, 0.4, "ttft_p50_ms", 300.0, "itl_p50_ms", 30.0)),
                new SelectionPoint("dear", Map.of(J, 0.9, "ttft_p50_ms", 100.0, "itl_p50_ms", 10.0)),
                new SelectionPoint("no-itl", Map.of(J, 0.1, "ttft_p50_ms", 100.0)));
        SloSelection selection = SloSelection.of(points, slo);
        assertThat(selection.selected().id()).isEqualTo("ok"); // at the threshold meets it; the tie goes to the first
        assertThat(selection.meeting()).isEqualTo(3);
        assertThat(selection.rejected()).containsEntry("cheap-slow", "ttft_p50_ms = 800.0 > 500.0")
                .containsEntry("no-itl", "itl_p50_ms is missing");
        assertThat(selection.toJson()).containsEntry("selected_point", "ok").containsEntry(J, 0.4);

        SloSelection none = SloSelection.of(points, Slo.parse("ttft_p50:50"));
        assertThat(none.selected()).isNull();
        assertThat(none.toJson()).containsEntry("selected_point", null);
    }
}
