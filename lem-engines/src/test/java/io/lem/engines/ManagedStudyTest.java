package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lem.Lem;
import io.lem.config.ExperimentConfig;
import io.lem.config.StudyConfig;
import io.lem.study.StudyResult;

/** A whole experiment through lem's own study runner with a managed engine: the vLLM stand-in, found by type. */
class ManagedStudyTest {

    @TempDir
    Path tmp;

    @Test
    void aVllmExperimentRunsEndToEnd() throws Exception {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("engine.type", "vllm");
        keys.put("engine.model", "facebook/opt-125m");
        keys.put("engine.vllm.executable", StandIns.executable(tmp, "vllm").toString());
        keys.put("engine.vllm.max_num_seqs", 4);
        keys.put("engine.vllm.some_new_flag", "x");
        keys.put("workload.requests", 8);
        keys.put("workload.concurrency", 2);
        keys.put("workload.max_output_tokens", 3);
        keys.put("measurement.baseline_s", 0);
        keys.put("measurement.warmup_requests", 0);
        keys.put("measurement.meters", List.of("process"));
        StudyResult result = Lem.builder().build().runStudy(new StudyConfig("vllm-stand-in",
                List.of(ExperimentConfig.resolve(1, keys))), tmp.resolve("results"));
        StudyResult.Outcome outcome = result.outcomes().getFirst();
        assertThat(outcome.status()).isEqualTo("done");
        assertThat(outcome.summary().requestsOk()).isEqualTo(8);
        assertThat(outcome.summary().outputTokens()).isEqualTo(24);
        assertThat(Files.readString(outcome.dir().resolve("engine.log")))
                .contains("stand-in vllm argv: serve facebook/opt-125m --host 127.0.0.1 --port ")
                .contains("--max-num-seqs 4 --some-new-flag x");
    }
}
