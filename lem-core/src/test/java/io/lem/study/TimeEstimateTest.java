package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.lem.Lem;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import io.lem.plan.DryRun;
import org.junit.jupiter.api.Test;

/** The dry run of a 2 × 2 sweep: its points, order and time, the time worked out by hand from the documented rates. */
class TimeEstimateTest {

    @Test
    void theDryRunShowsFourPointsTheirOrderAndTheTimeFromTheDocumentedRates() {
        StudyConfig study = StudyLoader.parse("""
                study_name: est
                engine: {type: embedded, preset: tiny}
                workload: {requests: 10, input_tokens: 100, max_output_tokens: 50}
                measurement: {baseline_s: 2, baseline_after_s: 1, warmup_requests: 2}
                sweep: {engine.parallel: [1, 2], workload.concurrency: [1, 2]}
                execution: {cycles: 3, order: shuffle, gap_s: 10}
                """, "est.yaml", Map.of());

        DryRun dry = Lem.builder().build().dryRun(study);

        // per request 100/500 + 50/50 = 1.2 s; per run 5 start + 2 + 1 baselines + 2 × 1.2 warm-up + 10 × 1.2
        // = 22.4 s; 12 runs and 11 pauses of 10 s: 378.8 s
        assertThat(dry.shortest()).isEqualTo(Duration.ofMillis(12 * 22_400 + 11 * 10_000));
        assertThat(dry.longest()).isEqualTo(dry.shortest());
        assertThat(dry.lines().getFirst()).startsWith("study est: 4 points, design "
                + study.plan().studyDesignHash().substring(0, 16));
        assertThat(dry.lines()).anyMatch(l -> l.startsWith("order shuffle, 3 cycles, 12 runs planned:"))
                .anyMatch(l -> l.equals("estimated time: 6m 19s"));
        for (var p : study.plan().points()) {
            assertThat(dry.lines()).anyMatch(l -> l.contains(p.hash8()) && l.contains(p.label()));
        }
    }
}
