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
import io.lem.analysis.estimate.Prediction;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import io.lem.result.Json;
import io.lem.result.RequestRow;
import io.lem.result.ResultFormats;
import io.lem.testkit.ResultSchemas;
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

    /** A study file over the stand-in engine; MODEL stands for a stand-in model file. */
    private StudyConfig study(String yaml) throws IOException {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read");
        return StudyLoader.load(Files.writeString(tmp.resolve("study.yaml"), yaml.replace("MODEL",
                model.toString())), Map.of());
    }

    @Test
    void eachPointSaysWhetherItIsPublishableAndWhy() throws IOException {
        StudyConfig study = study("""
                study_name: validity
                engine: {type: embedded, model: MODEL}
                workload: {requests: 3, concurrency: 2}
                sweep:
                  engine.parallel: [2, 4]
                execution: {cycles: 2}
                """);
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

    /** One H200 (gpu0, 6400 J) given to the engine beside an idle gpu1 (100 J): GPU-only 6400 / 64 = 100 J/token. */
    private static void onH200(Unit unit, Map<String, Object> json) throws IOException {
        longTwoInFlight(unit, json);
        map(json, "methods").put("gpu_domain_ids", List.of("gpu0", "gpu1"));
        map(json, "energy").put("energy_j_by_domain", Map.of("cpu-package0", 12.0, "dram0", 2.0, "gpu0", 6400.0,
                "gpu1", 100.0));
        map(map(json, "experiment"), "config").put("engine.vllm.tensor_parallel_size", 1);
        json.put("environment", Map.of("cpu_model", "Fixture CPU", "gpus", List.of(
                Map.of("domain", "gpu0", "name", "NVIDIA H200", "power_limit_w", 600.0),
                Map.of("domain", "gpu1", "name", "NVIDIA H200", "power_limit_w", 600.0))));
    }

    @Test
    void predictedBesideMeasuredOnTheMatchedDeviceAtItsPowerLimit() throws IOException {
        StudyConfig study = study("""
                study_name: predicted
                engine: {type: embedded, model: MODEL, parallel: 2}
                workload: {requests: 3, concurrency: 2}
                execution: {cycles: 1}
                """);
        List<Double> powers = new java.util.ArrayList<>();
        PointPredictions predictions = new PointPredictions((point, hw) -> {
            powers.add(hw.powerW());
            return new Prediction(null, 0, 0, "memory", 0, 0, 0, 0, 25.0, 0, List.of("roofline, scripted"));
        }, null);
        Path dir = tmp.resolve("s");
        Lem.builder().engine(new StandInDriver())
                .executor(new ScriptedExecutor(u -> ScriptedExecutor.Step.done(0.2, 100), StudyValidityTest::onH200))
                .build().runStudy(study, dir, StudyOptions.DEFAULT.withPredictions(predictions));

        assertThat(powers).containsOnly(600.0);
        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        JsonNode point = Json.compact().readTree(dir.resolve("study.json").toFile()).path("points").get(0);
        assertThat(point.path("validity").path("energy_scope").path("idle").toString()).isEqualTo("[\"gpu1\"]");
        JsonNode p = point.path("prediction");
        assertThat(p.path("kind").asString()).isEqualTo("prediction");
        assertThat(p.path("hardware").asString()).isEqualTo("H200");
        assertThat(p.path("hardware_chosen").asString()).contains("NVIDIA H200").contains("600.0 W");
        assertThat(p.path("measured_j_per_output_token").asDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(p.path("predicted_j_per_output_token").asDouble()).isEqualTo(25.0);
        assertThat(p.path("predicted_over_measured").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(p.path("assumptions").toString()).isEqualTo("[\"roofline, scripted\"]");
        // 6400 J over 40 s = 160 W on gpu0, inside its 600 W
        assertThat(point.path("publishable").asBoolean()).isTrue();
    }

    @Test
    void aPointThatCannotBePredictedSaysWhy() throws IOException {
        StudyConfig study = study("""
                study_name: unpredicted
                engine: {type: embedded, model: MODEL}
                workload: {requests: 3}
                execution: {cycles: 1}
                """);
        Path dir = tmp.resolve("s");
        Lem.builder().engine(new StandInDriver())
                .executor(new ScriptedExecutor(u -> ScriptedExecutor.Step.done(0.2, 100)))
                .build().runStudy(study, dir, StudyOptions.DEFAULT.withPredictions(new PointPredictions(
                        (point, hw) -> null, null)));
        JsonNode p = Json.compact().readTree(dir.resolve("study.json").toFile()).path("points").get(0)
                .path("prediction");
        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        // the golden environment has no GPU and a "Fixture CPU"
        assertThat(p.path("note").asString()).startsWith("no hardware row");
        assertThat(p.path("predicted_over_measured").isNull()).isTrue();
    }
}
