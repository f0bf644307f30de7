package io.lem.plan;

import static io.lem.plan.Studies.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionSettingsTest {

    @Test
    void defaultsAreOneInterleavedCycleWithoutPauses() {
        StudyPlan plan = plan("sweep: {engine.parallel: [1, 2]}\nexecution:\nengine:");
        assertThat(plan.execution()).isEqualTo(new ExecutionSettings(new Repetitions.Fixed(1), Order.INTERLEAVE, null,
                0, 0));
        assertThat(plan.runs()).containsExactly(new Run(1, 1, 0), new Run(2, 1, 0));
    }

    @Test
    void theCycleGapDefaultsToTheGap() {
        assertThat(plan("execution: {gap_s: 7}").execution().cycleGapS()).isEqualTo(7.0);
        assertThat(plan("execution: {gap_s: 7, cycle_gap_s: 0}").execution().cycleGapS()).isEqualTo(0.0);
    }

    @Test
    void anExplicitSeedOverridesTheDesignSeed() {
        StudyPlan plan = plan("sweep: {engine.parallel: [1, 2, 3, 4, 5]}\nexecution: {order: shuffle, seed: 11, cycles: 2}");
        assertThat(plan.seed()).isEqualTo(11);
        assertThat(plan.runs()).extracting(Run::point).containsExactlyElementsOf(
                java.util.stream.Stream.concat(RunOrder.cycleOrder(5, 1, Order.SHUFFLE, 11).stream(),
                        RunOrder.cycleOrder(5, 2, Order.SHUFFLE, 11).stream()).toList());
    }

    @Test
    void anAdaptiveStudyPlansItsMinimumCyclesAndExtendsByRounds() {
        StudyPlan plan = plan("sweep: {engine.parallel: [1, 2, 3]}\nexecution: {precision: 0.02, gap_s: 2, cycle_gap_s: 30}");
        assertThat(plan.execution().repetitions()).isEqualTo(new Repetitions.Adaptive(0.02,
                ExecutionSettings.DEFAULT_MIN_CYCLES, ExecutionSettings.DEFAULT_MAX_CYCLES));
        assertThat(plan.runs()).hasSize(3 * 3);
        assertThat(plan.extraCycle(4, java.util.List.of(3, 1))).containsExactly(new Run(1, 4, 30), new Run(3, 4, 2));
    }

    @Test
    void anUnbalancedLatinSquareIsAWarning() {
        assertThat(plan("sweep: {engine.parallel: [1, 2, 3]}\nexecution: {order: latin_square, cycles: 6}").warnings())
                .isEmpty();
        assertThat(plan("sweep: {engine.parallel: [1, 2, 3]}\nexecution: {order: latin_square, cycles: 3}").warnings())
                .singleElement().asString().contains("with 3 points give a multiple of 6 cycles (got 3)");
    }
}
