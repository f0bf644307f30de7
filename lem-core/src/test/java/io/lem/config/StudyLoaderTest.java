package io.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
