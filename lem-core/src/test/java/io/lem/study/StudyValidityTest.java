package io.lem.study;

import static io.lem.study.ScriptedExecutor.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.Lem;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import io.lem.result.Json;
import io.lem.result.RequestRow;
import io.lem.result.ResultFormats;
import io.lem.result.ResultSchemas;
import io.lem.result.StudyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Validity per point in study.json, over a {@link ScriptedExecutor} whose runs have a 40 s steady state with two
 * requests in flight throughout: B = 2 fills it, B = 4 does not, and one cycle of B = 4 has a failed request.
 */
class StudyValidityTest {

    @TempDir
    Path tmp;

    private static void longTwoInFlight(Unit unit, Map<String, Object> json) throws IOException {
        map(json, "steady_state").put("duration_s", 40.0);
        map(map(json, "timeline"), "steady_state").putAll(Map.of("start_s", 2.0, "end_s", 42.0, "duration_s", 40.0));
        map(map(json, "timeline"), "measured").putAll(Map.of("start_s", 2.0, "end_s", 42.0, "duration_s", 40.0));
        map(json, "energy").put("total_energy_j", 200.0);
        if (unit.config().engine().parallel() == 4 && unit.cycle() == 2) {
            map(json, "requests").put("failed", 1);
        }
        ResultFormats.REQUESTS.write(unit.dir().resolve("requests.jsonl"), List.of(row(1, 2, 42), row(2, 2, 22),
                row(3, 22, 42)));
    }

    private static RequestRow row(long id, double sendS, double endS) {
        return new RequestRow(id, false, null, "ok", null, sendS, sendS + 1, endS, 41L, 32L, false, 32, 0, 1000.0,
                50.0, (endS - sendS) * 1000, List.of(), null, null);
    }

    @Test
    void eachPointSaysWhetherItIsPublishableAndWhy() throws IOException {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read");
        StudyConfig study = StudyLoader.load(Files.writeString(tmp.resolve("v.yaml"), """
                study_name: validity
                engine: {type: embedded, model: %s}
                workload: {requests: 3, concurrency: 2}
                sweep:
                  engine.parallel: [2, 4]
                execution: {cycles: 2}
                """.formatted(model)), Map.of());
        Path dir = tmp.resolve("s");
        StudyResult result = Lem.builder().engine(new StandInDriver())
                .executor(new ScriptedExecutor(u -> ScriptedExecutor.Step.done(0.2, 100), StudyValidityTest::longTwoInFlight))
                .build().runStudy(study, dir, StudyOptions.DEFAULT);

        assertThat(result.points()).extracting(p -> p.validity().publishable()).containsExactly(true, false);
        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        JsonNode points = Json.compact().readTree(dir.resolve("study.json").toFile()).path("points");
        JsonNode full = points.get(0).path("validity");
        assertThat(points.get(0).path("publishable").asBoolean()).isTrue();
        assertThat(full.path("reasons")).isEmpty();
        assertThat(full.path("batch_limit").asInt()).isEqualTo(2);
        assertThat(full.path("mean_running_batch").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(full.path("running_batch_source").asString()).isEqualTo("request_overlap");
        // golden energies: cpu 12 J + dram 2 J, no GPU, over 64 output tokens
        assertThat(full.path("energy_scope").path("node_j_per_output_token").asDouble())
                .isCloseTo(14.0 / 64, within(1e-12));
        assertThat(full.path("energy_scope").path("gpu_j_per_output_token").isNull()).isTrue();
        JsonNode under = points.get(1).path("validity");
        assertThat(points.get(1).path("publishable").asBoolean()).isFalse();
        assertThat(under.path("reasons").toString()).isEqualTo("[\"batch_underfilled\",\"failed_requests\"]");
        assertThat(under.path("cycle_reasons").toString())
                .isEqualTo("[[\"batch_underfilled\"],[\"batch_underfilled\",\"failed_requests\"]]");

        StudyFile read = ResultFormats.STUDY.read(dir.resolve("study.json"));
        assertThat(read.points()).extracting(StudyFile.Point::publishable).containsExactly(true, false);
        assertThat(read.points().get(1).validity().get("batch_limit")).isEqualTo(4);
    }
}
