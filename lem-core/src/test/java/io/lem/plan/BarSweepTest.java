package io.lem.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 9's bar-sweep study: 4 points x 3 cycles in a seeded, reproducible shuffle. */
class BarSweepTest {

    private static StudyPlan plan() throws URISyntaxException {
        Path file = Path.of(BarSweepTest.class.getResource("/plan/bar-sweep.yaml").toURI());
        return StudyPlanner.plan(file, PlanOptions.defaults());
    }

    @Test
    void expandsToFourPointsTimesThreeCycles() throws URISyntaxException {
        StudyPlan plan = plan();
        assertThat(plan.studyName()).isEqualTo("bar-sweep");
        assertThat(plan.points()).extracting(p -> p.settings().get("engine.parallel") + "/"
                + p.settings().get("workload.concurrency")).containsExactly("1/1", "1/2", "2/1", "2/2");
        assertThat(plan.points()).allSatisfy(p -> assertThat(p.settings())
                .containsEntry("engine.type", "embedded").containsEntry("engine.preset", "tiny")
                .containsEntry("workload.requests", 16L).containsEntry("workload.max_output_tokens", 16L));
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.execution().order()).isEqualTo(Order.SHUFFLE);
        assertThat(plan.runs()).hasSize(12);
        for (int cycle = 1; cycle <= 3; cycle++) {
            int c = cycle;
            assertThat(plan.runs().subList(4 * (c - 1), 4 * c)).allSatisfy(r -> assertThat(r.cycle()).isEqualTo(c))
                    .extracting(Run::point).containsExactlyInAnyOrder(1, 2, 3, 4);
        }
    }

    @Test
    void theShuffleIsSeededByTheDesignAndReproducible() throws URISyntaxException {
        StudyPlan plan = plan();
        assertThat(plan.seed()).isEqualTo(Long.parseUnsignedLong(plan.studyDesignHash().substring(0, 16), 16));
        List<Run> again = plan().runs();
        assertThat(again).isEqualTo(plan.runs());
        assertThat(plan.runs()).extracting(Run::pauseBeforeS).containsOnly(0.0);
    }
}
