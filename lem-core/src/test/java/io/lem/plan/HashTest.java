package io.lem.plan;

import static io.lem.plan.Studies.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The point hash and the study design hash: what changes them and what does not. */
class HashTest {

    private static final String STUDY = """
            study_name: h
            engine: {preset: tiny, threads: 1}
            workload: {requests: 16, max_output_tokens: 16}
            sweep:
              engine.parallel: [1, 2]
              workload.concurrency: [1, 2]
            execution: {cycles: 3, order: shuffle}
            """;

    @Test
    void theLayoutOfTheYamlDoesNotChangeTheHash() {
        StudyPlan reordered = plan("""
                execution: {order: shuffle, cycles: 3}
                sweep:
                  engine: {parallel: [1, 2]}
                  workload.concurrency: [1, 2]
                workload: {max_output_tokens: 16, requests: 16}
                engine.threads: 1
                engine.preset: tiny
                study_name: h
                """);
        StudyPlan plan = plan(STUDY);
        assertThat(reordered.studyDesignHash()).isEqualTo(plan.studyDesignHash());
        assertThat(reordered.points()).extracting(Point::hash)
                .containsExactlyElementsOf(plan.points().stream().map(Point::hash).toList());
    }

    @Test
    void aValueChangesTheHashAndExecutionSettingsOrTheNameDoNot() {
        String hash = plan(STUDY).studyDesignHash();
        assertThat(plan(STUDY.replace("requests: 16", "requests: 17")).studyDesignHash()).isNotEqualTo(hash);
        assertThat(plan(STUDY.replace("[1, 2]\n  workload", "[1, 3]\n  workload")).studyDesignHash())
                .isNotEqualTo(hash);
        // the hash is over the points in order: swapping the axis order reorders them
        assertThat(plan(STUDY.replace("[1, 2]\n  workload", "[2, 1]\n  workload")).studyDesignHash())
                .isNotEqualTo(hash);
        assertThat(plan(STUDY.replace("execution: {cycles: 3, order: shuffle}",
                "execution: {cycles: 5, order: latin_square, gap_s: 30, cycle_gap_s: 120, seed: 9}"))
                .studyDesignHash()).isEqualTo(hash);
        assertThat(plan(STUDY.replace("study_name: h", "study_name: other")).studyDesignHash()).isEqualTo(hash);
        assertThat(plan(STUDY.replace("sweep:\n", "sweep:\n  engine.vllm.max_num_seqs: [64]\n")).studyDesignHash())
                .isNotEqualTo(hash);
    }

    @Test
    void aPointWithoutFlagsHasItsExperimentsHash() {
        Point point = plan(STUDY).point(4);
        ExperimentConfig experiment = ExperimentConfig.resolve(4, Map.of("engine.preset", "tiny", "engine.threads", 1,
                "workload.requests", 16, "workload.max_output_tokens", 16, "engine.parallel", 2,
                "workload.concurrency", 2));
        assertThat(point.hash()).isEqualTo(experiment.hash());
        assertThat(point.config()).isEqualTo(experiment);
    }

    @Test
    void thePointHashIsSha256OfSortedKeyValueLines() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("workload.concurrency", 2L);
        values.put("engine.vllm.enforce_eager", true);
        values.put("engine.dtype", "f16");
        assertThat(PointHash.point(values))
                .isEqualTo(sha256("engine.dtype=f16\nengine.vllm.enforce_eager=true\nworkload.concurrency=2\n"));
    }

    @Test
    void theDesignHashIsSha256OfTheCanonicalJsonOfThePoints() throws Exception {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("workload.concurrency", 2L);
        first.put("engine.dtype", "f\"16");
        first.put("measurement.meters", List.of("auto"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("measurement.baseline_s", 30.0);
        second.put("engine.model", null);
        String json = "[{\"engine.dtype\":\"f\\\"16\",\"measurement.meters\":[\"auto\"],\"workload.concurrency\":2},"
                + "{\"engine.model\":null,\"measurement.baseline_s\":30.0}]";
        assertThat(PointHash.design(List.of(first, second))).isEqualTo(sha256(json));
        assertThat(PointHash.seedOf(sha256(json))).isEqualTo(Long.parseUnsignedLong(sha256(json).substring(0, 16), 16));
    }

    @Test
    void keysAddedLaterEnterTheHashOnlyWhenSet() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("engine.dtype", "f16");
        values.put("gpu.power_limit_w", null);
        values.put("engine.model_params", null);
        values.put("engine.model", null); // an older key: its null stays in, as in every published hash
        assertThat(PointHash.point(values)).isEqualTo(sha256("engine.dtype=f16\nengine.model=null\n"));
        values.put("gpu.power_limit_w", 300.0);
        assertThat(PointHash.point(values))
                .isEqualTo(sha256("engine.dtype=f16\nengine.model=null\ngpu.power_limit_w=300.0\n"));
        // a resolved experiment without them: the hash over every other key, as before they existed
        ExperimentConfig experiment = ExperimentConfig.resolve(1, Map.of());
        StringBuilder lines = new StringBuilder();
        experiment.values().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("carbon.") && !e.getKey().equals("gpu.power_limit_w")
                        && !e.getKey().equals("engine.model_params"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        assertThat(experiment.hash()).isEqualTo(sha256(lines.toString()));
        assertThat(ExperimentConfig.resolve(1, Map.of("gpu.power_limit_w", 300)).hash()).isNotEqualTo(experiment.hash());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
