package io.lem.plan;

import static io.lem.plan.Studies.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DryRunTest {

    private static final String STUDY = """
            study_name: dry
            sweep:
              engine.parallel: [1, 2]
              engine.preset: [tiny, null]
            """;

    /** 10 s per run for one slot, 20 s for two. */
    private static final DryRun.RunEstimate ESTIMATE = p -> Duration.ofSeconds(10 * (Long) p.settings()
            .get("engine.parallel"));

    @Test
    void theEstimateAddsRunsAndPauses() {
        DryRun dry = DryRun.of(plan(STUDY + "execution: {cycles: 3, gap_s: 5, cycle_gap_s: 60}"), ESTIMATE);
        // 3 cycles x (10 + 20) s of runs; pauses 0 + 5, then 60 + 5 twice
        assertThat(dry.shortest()).isEqualTo(Duration.ofSeconds(90 + 5 + 2 * 65));
        assertThat(dry.longest()).isEqualTo(dry.shortest());
    }

    @Test
    void anAdaptiveStudyIsARangeFromMinToMaxCycles() {
        DryRun dry = DryRun.of(plan(STUDY + "execution: {precision: 0.02, min_cycles: 3, max_cycles: 5, gap_s: 5,"
                + " cycle_gap_s: 60}"), ESTIMATE);
        assertThat(dry.plan().runs()).hasSize(6);
        assertThat(dry.shortest()).isEqualTo(Duration.ofSeconds(90 + 5 + 2 * 65));
        assertThat(dry.longest()).isEqualTo(Duration.ofSeconds(150 + 5 + 4 * 65));
    }

    @Test
    void theReportListsPointsHashesSkipsOrderAndTime() {
        StudyPlan plan = plan(STUDY + "execution: {cycles: 2, order: reverse}");
        String text = String.join("\n", DryRun.of(plan, ESTIMATE).lines());
        assertThat(text).contains("study dry: 2 points, design " + plan.studyDesignHash().substring(0, 16))
                .contains("    1  " + plan.point(1).hash8() + "  engine.parallel=1 engine.preset=tiny")
                .contains("    2  " + plan.point(2).hash8() + "  engine.parallel=2 engine.preset=tiny")
                .contains("  skipped sweep #2: engine.model: neither engine.model nor engine.preset is set")
                .contains("order reverse, 2 cycles, 4 runs planned:")
                .contains("  1.1 2.1 2.2 1.2   (point.cycle)")
                .contains("estimated time: 1m 00s");
    }

    @Test
    void aPowerLimitAxisIsAPointKeyAndEntersTheHashes() {
        StudyPlan plan = plan("study_name: pl\nsweep:\n  gpu.power_limit_w: [300, 450.5]\n");
        String text = String.join("\n", DryRun.of(plan, p -> Duration.ofSeconds(10)).lines());
        assertThat(text).contains("study pl: 2 points")
                .contains("    1  " + plan.point(1).hash8() + "  gpu.power_limit_w=300.0")
                .contains("    2  " + plan.point(2).hash8() + "  gpu.power_limit_w=450.5");
        assertThat(plan.point(1).hash()).isNotEqualTo(plan.point(2).hash());
    }

    @Test
    void durationsReadAsHoursMinutesSeconds() {
        assertThat(DryRun.human(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(DryRun.human(Duration.ofSeconds(3 * 3600 + 7 * 60 + 9))).isEqualTo("3h 07m 09s");
    }
}
