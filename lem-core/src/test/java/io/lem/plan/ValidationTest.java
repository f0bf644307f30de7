package io.lem.plan;

import static io.lem.plan.Studies.plan;
import static io.lem.plan.Studies.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict checks name the place in the file; combinations that fail validation are kept with their reason. */
class ValidationTest {

    @Test
    void aBadSweepValueNamesItsPath() {
        assertThatThrownBy(() -> plan("sweep: {engine.parallel: [1, 2, -1]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sweep.engine.parallel[2]: expected a positive integer, got -1; fix: ")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("sweep.engine.parallel[2]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            sweep: {engine: {parallel: [1, 300]}}            | sweep.engine.parallel[1]: expected an integer of at most 256, got 300
            sweep: {g: [{}, {engine.threads: 0}]}            | sweep.g[1].engine.threads: expected a positive integer, got 0
            sweep: {g: [{engine.parallel: [1, x]}]}          | sweep.g[0].engine.parallel[1]: expected an integer, got 'x'
            sweep: {engine.dtype: [f16, q4]}                 | sweep.engine.dtype[1]: expected one of [f16, f32], got 'q4'
            experiments: [{}, {workload.concurrency: -3}]    | experiments[1].workload.concurrency: expected a positive integer, got -3
            workload: {requests: many}                       | workload.requests: expected an integer, got 'many'
            measurement.sample_rate_hz: 0                    | measurement.sample_rate_hz: expected a number between 0.01 and 1000.0, got 0
            sweep: {engine.paralel: [1]}                     | sweep.engine.paralel[0]: unknown key 'engine.paralel'
            sweep: {engine.parallel: []}                     | sweep.engine.parallel: an empty list sweeps nothing
            sweep: {engine.parallel: [1, {engine.threads: 2}]} | sweep.engine.parallel: mixes maps and values
            sweep: [1, 2]                                    | sweep: expected a map of axes and groups
            engine: {vllm: 3}                                | engine.vllm: expected a map of vllm flags, got 3
            model: x                                         | model: unknown key
            execution: {cycles: 0}                           | execution.cycles: expected a positive integer, got 0
            execution: {order: random}                       | execution.order: expected one of [sequential, interleave, shuffle, reverse, latin_square], got 'random'
            execution: {repeat: 2}                           | execution.repeat: unknown key
            execution: {precision: 0.02, cycles: 5}          | execution.cycles: conflicts with execution.precision
            execution: {min_cycles: 4}                       | execution.min_cycles: only applies with execution.precision
            execution: {precision: 0.02, min_cycles: 5, max_cycles: 4} | execution.max_cycles: expected at least execution.min_cycles (5), got 4
            study_name: a b                                  | study_name: 'a b' is not a valid name
            """)
    void strictErrorsNameThePathTheValueAndTheFix(String yaml, String message) {
        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message)
                .hasMessageContaining("fix:");
    }

    @Test
    void anInvalidCombinationIsSkippedWithItsReason() {
        StudyPlan plan = plan("""
                sweep:
                  engine.preset: [tiny, null]
                  engine.parallel: [1, 2]
                """);
        assertThat(plan.points()).hasSize(2);
        assertThat(plan.skipped()).hasSize(2).allSatisfy(s -> {
            assertThat(s.reason()).startsWith("engine.model: neither engine.model nor engine.preset is set; fix:");
            assertThat(s.declared()).containsEntry("engine.preset", null);
        });
        assertThat(plan.skipped()).extracting(SkippedPoint::origin).containsExactly("sweep #3", "sweep #4");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aPluggedValidatorSkipsByItsOwnRulesAndMostlyInvalidIsAWarning() {
        PointValidator slotsCoverClients = keys -> {
            Map<String, Object> resolved = new LinkedHashMap<>(PointValidator.SCHEMA.resolve(keys));
            long parallel = (Long) resolved.get("engine.parallel");
            long concurrency = (Long) resolved.get("workload.concurrency");
            if (concurrency > 2 * parallel) {
                throw new ConfigException("workload.concurrency", concurrency + " clients for " + parallel
                        + " slots queue most requests; fix: at most 2 per slot");
            }
            return new LinkedHashMap<>(resolved);
        };
        StudyPlan plan = StudyPlanner.plan(tree("sweep: {engine.parallel: [1, 2], workload.concurrency: [1, 4, 8, 16]}"),
                null, PlanOptions.defaults().withValidator(slotsCoverClients));
        assertThat(plan.points()).extracting(p -> p.settings().get("workload.concurrency")).containsExactly(1L, 1L, 4L);
        assertThat(plan.skipped()).hasSize(5).first().satisfies(s -> {
            assertThat(s.origin()).isEqualTo("sweep #2");
            assertThat(s.declared()).containsEntry("engine.parallel", 1L).containsEntry("workload.concurrency", 4L);
            assertThat(s.reason()).isEqualTo(
                    "workload.concurrency: 4 clients for 1 slots queue most requests; fix: at most 2 per slot");
        });
        assertThat(plan.warnings()).singleElement().asString()
                .startsWith("most of the sweep is invalid: 5 of 8 combinations are skipped");
    }

    @Test
    void nothingValidIsAnError() {
        assertThatThrownBy(() -> plan("sweep: {engine.preset: [null]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nothing to run: all 1 combinations are invalid; first: sweep #1: engine.model");
    }

    @Test
    void sizeWarningsAtOneHundredFiveHundredAndTwoThousandPoints() {
        assertThat(plan(grid(10, 10)).warnings()).isEmpty();
        assertThat(plan(grid(101, 1)).warnings()).singleElement().asString().startsWith("large study: 101 points");
        assertThat(plan(grid(101, 5)).warnings()).singleElement().asString().startsWith("very large study: 505");
        assertThat(plan(grid(101, 20) + "execution: {cycles: 2, gap_s: 36}").warnings()).singleElement().asString()
                .startsWith("extremely large study: 2020 points, up to 4040 runs with 2 cycles; the pauses alone "
                        + "take 40.4 h");
    }

    private static String grid(int requests, int concurrencies) {
        StringBuilder yaml = new StringBuilder("sweep:\n  workload.requests: [");
        for (int i = 1; i <= requests; i++) {
            yaml.append(i == 1 ? "" : ", ").append(i);
        }
        yaml.append("]\n  workload.concurrency: [");
        for (int i = 1; i <= concurrencies; i++) {
            yaml.append(i == 1 ? "" : ", ").append(i);
        }
        return yaml.append("]\n").toString();
    }
}
