package io.lem.plan;

import static io.lem.plan.Studies.column;
import static io.lem.plan.Studies.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.lem.config.Defaults;
import org.junit.jupiter.api.Test;

/** Expansion counts and contents of each form of the sweep grammar. */
class SweepGrammarTest {

    @Test
    void independentAxesAreCrossedWithTheLastVaryingFastest() {
        StudyPlan plan = plan("""
                engine: {preset: tiny}
                sweep:
                  engine.parallel: [1, 2, 4]
                  workload.concurrency: [1, 2]
                """);
        assertThat(plan.points()).hasSize(6);
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 1L, 2L, 2L, 4L, 4L);
        assertThat(column(plan, "workload.concurrency")).containsExactly(1L, 2L, 1L, 2L, 1L, 2L);
        assertThat(column(plan, "engine.preset")).containsOnly("tiny");
        assertThat(plan.point(3).declared()).containsExactly(Map.entry("engine.parallel", 2L),
                Map.entry("workload.concurrency", 1L));
        assertThat(plan.point(3).origin()).isEqualTo("sweep #3");
        assertThat(plan.factors()).containsExactly("engine.parallel", "workload.concurrency");
        assertThat(plan.points()).extracting(Point::index).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void nestedSweepKeysAreDottedKeys() {
        StudyPlan dotted = plan("sweep: {engine.parallel: [1, 2]}");
        StudyPlan nested = plan("sweep: {engine: {parallel: [1, 2]}}");
        assertThat(column(nested, "engine.parallel")).containsExactly(1L, 2L);
        assertThat(nested.studyDesignHash()).isEqualTo(dotted.studyDesignHash());
    }

    @Test
    void aScalarIsAnAxisOfOneValue() {
        StudyPlan plan = plan("sweep: {engine.parallel: 3, workload.concurrency: [1, 2]}");
        assertThat(column(plan, "engine.parallel")).containsExactly(3L, 3L);
    }

    @Test
    void aGroupIsAlternativesWithTheEmptyMapAsBaseline() {
        StudyPlan plan = plan("""
                sweep:
                  precision:
                    - {}
                    - {engine.dtype: f32, engine.batch: 256}
                  engine.parallel: [1, 2]
                """);
        assertThat(plan.points()).hasSize(4);
        // groups vary slowest, as in LLenergyMeasure's expansion
        assertThat(column(plan, "engine.dtype")).containsExactly(Defaults.ENGINE_DTYPE, Defaults.ENGINE_DTYPE, "f32",
                "f32");
        assertThat(column(plan, "engine.batch")).containsExactly((long) Defaults.ENGINE_BATCH,
                (long) Defaults.ENGINE_BATCH, 256L, 256L);
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 2L, 1L, 2L);
        assertThat(plan.point(1).declared()).containsOnlyKeys("engine.parallel");
        assertThat(plan.factors()).containsExactly("precision", "engine.parallel");
    }

    @Test
    void aListInsideAGroupEntryExpandsWithinThatEntry() {
        StudyPlan plan = plan("""
                sweep:
                  shape:
                    - {engine.parallel: [1, 2], workload.concurrency: 4}
                    - {engine: {parallel: 8}}
                """);
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 2L, 8L);
        assertThat(column(plan, "workload.concurrency")).containsExactly(4L, 4L, (long) Defaults.WORKLOAD_CONCURRENCY);
    }

    @Test
    void groupsAreCrossedWithEachOtherAndAGroupKeyWinsOverAnAxis() {
        StudyPlan plan = plan("""
                sweep:
                  engine.parallel: [1, 2]
                  a: [{}, {workload.concurrency: 2}]
                  b: [{engine.threads: 1}, {engine.threads: 2}, {engine.parallel: 16}]
                """);
        assertThat(plan.points()).hasSize(2 * 2 * 3 - 2); // {parallel 16} is the same point for parallel 1 and 2
        assertThat(plan.duplicates()).hasSize(2);
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 2L, 1L, 2L, 16L, 1L, 2L, 1L, 2L, 16L);
        assertThat(column(plan, "workload.concurrency")).containsExactly(1L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 2L);
    }

    @Test
    void experimentsAreAppendedAfterTheSweep() {
        StudyPlan plan = plan("""
                workload: {requests: 8}
                sweep: {engine.parallel: [1, 2]}
                experiments:
                  - {engine.parallel: 4, workload.concurrency: 4}
                  - {workload: {requests: 32}}
                """);
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 2L, 4L, (long) Defaults.ENGINE_PARALLEL);
        assertThat(column(plan, "workload.requests")).containsExactly(8L, 8L, 8L, 32L);
        assertThat(plan.points()).extracting(Point::origin)
                .containsExactly("sweep #1", "sweep #2", "experiments[0]", "experiments[1]");
    }

    @Test
    void withoutASweepTheExperimentsAloneOrTheBaseConfigRun() {
        assertThat(plan("experiments: [{engine.parallel: 2}, {engine.parallel: 3}]").points()).hasSize(2);
        StudyPlan single = plan("engine: {parallel: 2}");
        assertThat(single.points()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo("base config");
            assertThat(p.settings()).containsEntry("engine.parallel", 2L);
        });
    }

    @Test
    void identicalPointsRunOnce() {
        StudyPlan plan = plan("""
                sweep: {engine.parallel: [1, 2, 1]}
                experiments:
                  - {engine.parallel: 2}
                  - {engine.parallel: 2, engine.dtype: %s}
                """.formatted(Defaults.ENGINE_DTYPE));
        assertThat(column(plan, "engine.parallel")).containsExactly(1L, 2L);
        assertThat(plan.duplicates()).containsExactly(new DuplicatePoint("sweep #3", 1),
                new DuplicatePoint("experiments[0]", 2), new DuplicatePoint("experiments[1]", 2));
    }

    @Test
    void aNestedListIsOneListValue() {
        StudyPlan plan = plan("""
                sweep:
                  measurement.meters: [[rapl, process], [process]]
                  g: [{measurement.meters: [[rapl]]}]
                """);
        assertThat(column(plan, "measurement.meters")).containsOnly(List.of("rapl"));
        StudyPlan axis = plan("sweep: {measurement.meters: [[rapl, process], [process]]}");
        assertThat(column(axis, "measurement.meters")).containsExactly(List.of("rapl", "process"), List.of("process"));
    }

    @Test
    void managedEngineKeysPassThroughAsFlags() {
        StudyPlan plan = plan("""
                engine: {vllm: {enforce_eager: true, some-new-flag: x}}
                sweep:
                  engine.vllm.max_num_seqs: [64, 128]
                  engine.parallel: [2]
                """);
        assertThat(plan.points()).hasSize(2);
        Point first = plan.point(1);
        assertThat(first.engineFlags()).containsExactly(Map.entry("engine.vllm.enforce_eager", true),
                Map.entry("engine.vllm.some-new-flag", "x"), Map.entry("engine.vllm.max_num_seqs", 64));
        assertThat(first.settings()).doesNotContainKey("engine.vllm.max_num_seqs").containsEntry("engine.parallel", 2L);
        assertThat(plan.point(2).engineFlags()).containsEntry("engine.vllm.max_num_seqs", 128);
        assertThat(first.hash()).isNotEqualTo(plan.point(2).hash());
    }

    @Test
    void theReadmeExamplePlans() throws java.io.IOException {
        String readme = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../README.md")),
                java.nio.charset.StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### Study plans"));
        String yaml = section.substring(section.indexOf("```yaml") + 7, section.indexOf("```", section.indexOf("```yaml") + 7))
                .replaceFirst("base: [^\\n]*\\n", "");
        StudyPlan plan = plan(yaml);
        // 2 x 2 axes x (1 + 2) group variants x 1 flag value, then one experiment
        assertThat(plan.points()).hasSize(13);
        assertThat(plan.point(13).settings()).containsEntry("engine.parallel", 8L);
        assertThat(plan.execution().cycleGapS()).isEqualTo(60.0);
    }
}
