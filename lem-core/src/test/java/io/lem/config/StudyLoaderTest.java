package io.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import io.lem.plan.DemoStudy;
import io.lem.plan.StudyExamples;

class StudyLoaderTest {

    private static final String ISSUE_EXAMPLE = """
            study_name: demo
            engine: {type: embedded, preset: small, parallel: 2, threads: 1}
            workload: {requests: 16, concurrency: 2, max_output_tokens: 32}
            experiments:            # each entry overrides the keys above
              - {engine.parallel: 1, workload.concurrency: 1}
              - {engine.parallel: 4, workload.concurrency: 4}
            """;

    @Test
    void readsTheDocumentedExample() {
        StudyConfig study = StudyLoader.parse(ISSUE_EXAMPLE, "t.yaml", Map.of());
        assertThat(study.studyName()).isEqualTo("demo");
        assertThat(study.experiments()).hasSize(2);
        ExperimentConfig first = study.experiments().get(0);
        assertThat(first.index()).isEqualTo(1);
        assertThat(first.engine().parallel()).isEqualTo(1);
        assertThat(first.engine().threads()).isEqualTo(1);
        assertThat(first.workload().concurrency()).isEqualTo(1);
        assertThat(first.workload().requests()).isEqualTo(16);
        assertThat(first.workload().maxOutputTokens()).isEqualTo(32);
        assertThat(first.measurement().baselineS()).isEqualTo(Defaults.BASELINE_S);
        assertThat(study.experiments().get(1).engine().parallel()).isEqualTo(4);
        assertThat(first.slug()).isEqualTo("small-p1-c1");
    }

    @Test
    void nestedAndDottedKeysAreTheSame() {
        StudyConfig nested = StudyLoader.parse("engine: {parallel: 3}", "a", Map.of());
        StudyConfig dotted = StudyLoader.parse("engine.parallel: 3", "b", Map.of());
        assertThat(nested.experiments().getFirst().hash()).isEqualTo(dotted.experiments().getFirst().hash());
    }

    @Test
    void hashIsStableAndFollowsEveryValue() {
        String h1 = StudyLoader.parse(ISSUE_EXAMPLE, "t", Map.of()).experiments().get(0).hash();
        String h2 = StudyLoader.parse(ISSUE_EXAMPLE, "t", Map.of()).experiments().get(0).hash();
        String h3 = StudyLoader.parse(ISSUE_EXAMPLE, "t", Map.of("workload.seed", "43")).experiments().get(0).hash();
        assertThat(h1).isEqualTo(h2).hasSize(64).isNotEqualTo(h3);
    }

    @Test
    void cliOverridesWinOverEveryExperiment() {
        StudyConfig study = StudyLoader.parse(ISSUE_EXAMPLE, "t", Map.of("workload.requests", "3"));
        assertThat(study.experiments()).allSatisfy(e -> assertThat(e.workload().requests()).isEqualTo(3));
    }

    @Test
    void unknownKeyNamesTheKeyAndTheValidOnes() {
        assertThatThrownBy(() -> StudyLoader.parse("workload: {concurrence: 2}", "t", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("workload.concurrence: unknown key 'workload.concurrence'; fix: use one of "
                        + "[workload.requests,")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("workload.concurrence");
        assertThatThrownBy(() -> StudyLoader.parse("engin: {}", "t", Map.of()))
                .hasMessageContaining("engin: unknown key");
        assertThatThrownBy(() -> StudyLoader.parse("experiments: [{engine.paralel: 2}]", "t", Map.of()))
                .hasMessageStartingWith("experiments[0].engine.paralel: unknown key 'engine.paralel'");
    }

    @Test
    void negativeConcurrencyNamesFieldValueAndFix() {
        assertThatThrownBy(() -> StudyLoader.parse("workload: {concurrency: -1}", "t", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("workload.concurrency: expected a positive integer, got -1; fix: give workload.concurrency "
                        + "(requests in flight (closed loop)) an integer between 1 and 100000");
        assertThatThrownBy(() -> StudyLoader.parse("experiments: [{workload.concurrency: 0}]", "t", Map.of()))
                .hasMessageStartingWith("experiments[0].workload.concurrency: expected a positive integer, got 0");
        assertThatThrownBy(() -> StudyLoader.parse("workload: {requests: many}", "t", Map.of()))
                .hasMessageContaining("expected an integer, got 'many'");
    }

    @Test
    void badYamlAndBadShapesAreUserErrors() {
        assertThatThrownBy(() -> StudyLoader.parse("engine: {parallel: [", "t.yaml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.yaml is not valid YAML");
        assertThatThrownBy(() -> StudyLoader.parse("- a\n- b", "t.yaml", Map.of()))
                .hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> StudyLoader.parse("study_name: 'has space'", "t", Map.of()))
                .hasMessageStartingWith("study_name: 'has space' is not a valid name");
        assertThatThrownBy(() -> StudyLoader.parse("measurement: {meters: [rapl, 'Not A Meter']}", "t", Map.of()))
                .hasMessageStartingWith("measurement.meters: expected a list of names, got [rapl, Not A Meter]");
    }

    @Test
    void demoStudyIsValid() {
        StudyConfig demo = DemoStudy.load(Map.of());
        assertThat(demo.experiments()).extracting(e -> e.engine().parallel()).containsExactly(1, 2, 4);
        assertThat(demo.experiments()).allSatisfy(e ->
                assertThat(e.workload().concurrency()).isEqualTo(e.engine().parallel()));
    }

    @Test
    void aSweepBaseAndExecutionGoThroughThePlanner(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Files.writeString(tmp.resolve("common.yaml"), """
                engine: {type: embedded, preset: tiny, threads: 1}
                workload: {requests: 8}
                """);
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("s.yaml"), """
                study_name: s
                base: common.yaml
                sweep: {engine.parallel: [1, 2, 4]}
                experiments: [{engine.parallel: 8}]
                execution: {cycles: 2, order: reverse, experiment_timeout_s: 60, max_consecutive_failures: 5}
                """);
        StudyConfig study = StudyLoader.load(file, Map.of("workload.requests", "3", "execution.cycles", "4"));
        assertThat(study.experiments()).extracting(e -> e.engine().parallel()).containsExactly(1, 2, 4, 8);
        assertThat(study.experiments()).allSatisfy(e -> {
            assertThat(e.engine().threads()).isEqualTo(1);
            assertThat(e.workload().requests()).isEqualTo(3);
        });
        assertThat(study.plan().factors()).containsExactly("engine.parallel");
        assertThat(study.plan().execution().repetitions().plannedCycles()).isEqualTo(4);
        assertThat(study.plan().execution().experimentTimeoutS()).isEqualTo(60.0);
        assertThat(study.plan().execution().maxConsecutiveFailures()).isEqualTo(5);
        assertThat(study.plan().runs()).hasSize(16);
        // execution overrides never change what is measured, so not the design hash
        assertThat(StudyLoader.load(file, Map.of("workload.requests", "3")).plan().studyDesignHash())
                .isEqualTo(study.plan().studyDesignHash());
    }

    @Test
    void theOldExperimentsFormIsAStudyWithoutASweepAndOneCycle() {
        StudyConfig study = StudyLoader.parse(ISSUE_EXAMPLE, "t.yaml", Map.of());
        assertThat(study.plan().factors()).isEmpty();
        assertThat(study.plan().runs()).extracting(r -> r.point() + "." + r.cycle()).containsExactly("1.1", "2.1");
        assertThat(study.plan().points()).extracting(p -> p.hash())
                .containsExactlyElementsOf(study.experiments().stream().map(ExperimentConfig::hash).toList());
    }

    @Test
    void theExamplesAreValidStudies() {
        StudyConfig bar = StudyExamples.load("bar-sweep", Map.of());
        assertThat(bar.plan().points()).hasSize(4);
        assertThat(bar.plan().runs()).hasSize(12);
        assertThat(bar.plan().factors()).containsExactly("engine.parallel", "workload.concurrency");
        StudyConfig phase = StudyExamples.load("phase-split", Map.of());
        assertThat(phase.experiments()).extracting(e -> e.workload().inputTokens() + "x"
                + e.workload().maxOutputTokens()).containsExactlyInAnyOrder("16x16", "16x64", "128x16", "128x64");
        StudyConfig slots = StudyExamples.load("slots-threads", Map.of());
        assertThat(slots.plan().points()).hasSize(4);
        assertThat(slots.plan().runs()).hasSize(8);
        assertThat(slots.plan().factors()).containsExactly("engine.parallel", "engine.threads");
        assertThatThrownBy(() -> StudyExamples.yaml("nope")).isInstanceOf(ConfigException.class)
                .hasMessage("--print-example: no example 'nope'; fix: use one of [bar-sweep, phase-split, slots-threads]");
    }
}
