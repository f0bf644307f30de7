package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lem.Lem;
import io.lem.plan.StudyLoader;
import io.lem.study.StudyResult;

/** A whole experiment through lem's own study runner with a managed engine: the vLLM stand-in, found by type. */
class ManagedStudyTest {

    @TempDir
    Path tmp;

    @Test
    void aVllmExperimentRunsEndToEnd() throws Exception {
        // a study file as a user writes it: the engine's own section passes through to its command line
        String yaml = """
                study_name: vllm-stand-in
                engine:
                  type: vllm
                  model: facebook/opt-125m
                  vllm: {executable: %s, max_num_seqs: 4, some_new_flag: x}
                workload: {requests: 8, concurrency: 2, max_output_tokens: 3}
                measurement: {baseline_s: 0, warmup_requests: 0, meters: [process]}
                """.formatted(StandIns.executable(tmp, "vllm"));
        StudyResult result = Lem.builder().build().runStudy(StudyLoader.parse(yaml, "vllm.yaml", Map.of()),
                tmp.resolve("results"));
        StudyResult.Outcome outcome = result.outcomes().getFirst();
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo("done");
        assertThat(outcome.summary().requestsOk()).isEqualTo(8);
        assertThat(outcome.summary().outputTokens()).isEqualTo(24);
        assertThat(Files.readString(outcome.dir().resolve("engine.log")))
                .contains("stand-in vllm argv: serve facebook/opt-125m --host 127.0.0.1 --port ")
                .contains("--max-num-seqs 4 --some-new-flag x");
    }
}
