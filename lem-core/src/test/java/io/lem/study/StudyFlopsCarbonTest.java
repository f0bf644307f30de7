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
import io.lem.plan.StudyLoader;
import io.lem.result.Json;
import io.lem.result.ResultFormats;
import io.lem.testkit.ResultSchemas;
import io.lem.result.StudyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * FLOPs and carbon per point in study.json, read back from each cycle's result.json: means with CIs across cycles
 * like the other headline metrics, and the tier, confidence and intensity source they rest on. The scripted cycles'
 * values are chosen so each mean is known by hand.
 */
class StudyFlopsCarbonTest {

    @TempDir
    Path tmp;

    /** Point 1 (1 slot): architecture tier on a country table; point 2 (2 slots): parameter count, explicit CI. */
    private static void figures(Unit unit, Map<String, Object> json) {
        boolean first = unit.config().engine().parallel() == 1;
        int k = unit.cycle(); // 1, 2, 3
        Map<String, Object> metrics = map(json, "metrics");
        metrics.put("flops_per_joule", (first ? 1e9 : 5e9) * k);
        metrics.put("flops_per_output_token", first ? 2.5e8 : 3.0e8);
        metrics.put("flops_method", first ? "architecture" : "parameter_count");
        metrics.put("flops_confidence", first ? "high" : "low");
        Map<String, Object> carbon = map(json, "carbon");
        carbon.put("intensity_g_per_kwh", first ? 380.0 : 0.0);
        carbon.put("intensity_source", first ? "country_table" : "explicit");
        carbon.put("intensity_label", first ? "DE 2023 (Our World in Data)" : "carbon.intensity_g_per_kwh");
        carbon.put("co2_g_per_1k_output_tokens", first ? 0.1 * k : 0.0);
        carbon.put("co2_g_per_request", first ? 0.01 * k : 0.0);
    }

    @Test
    void eachPointHasFlopsAndCarbonMeansWithTheirBasis() throws IOException {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read");
        String yaml = """
                study_name: flops-carbon
                engine: {type: embedded, model: %s}
                workload: {requests: 3}
                sweep:
                  engine.parallel: [1, 2]
                execution: {cycles: 3}
                """.formatted(model);
        Path dir = tmp.resolve("s");
        StudyResult result = Lem.builder().engine(new StandInDriver())
                .executor(new ScriptedExecutor(u -> ScriptedExecutor.Step.done(0.2, 100), StudyFlopsCarbonTest::figures))
                .build().runStudy(StudyLoader.parse(yaml, "fc.yaml", Map.of()), dir, StudyOptions.DEFAULT);

        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        JsonNode points = Json.compact().readTree(dir.resolve("study.json").toFile()).path("points");
        JsonNode m1 = points.get(0).path("metrics");
        // (1 + 2 + 3) / 3 · 1e9 FLOP/J, and (0.1 + 0.2 + 0.3) / 3 g per 1k output tokens
        JsonNode flopsPerJ = m1.path("flops_per_joule");
        assertThat(flopsPerJ.path("mean_flop_per_j").asDouble()).isCloseTo(2e9, within(1e-3));
        assertThat(flopsPerJ.path("n").asInt()).isEqualTo(3);
        assertThat(flopsPerJ.path("per_cycle_flop_per_j").toString()).isEqualTo("[1.0E9,2.0E9,3.0E9]");
        double lower = flopsPerJ.path("ci").path("lower_flop_per_j").asDouble();
        double upper = flopsPerJ.path("ci").path("upper_flop_per_j").asDouble();
        // three cycles: Student's t, 2e9 ± t(0.975, 2) · s / √3 with s = 1e9 and t = 4.302653; it may cross 0
        double halfWidth = 4.302653 * 1e9 / Math.sqrt(3);
        assertThat(lower).isCloseTo(2e9 - halfWidth, within(1e3));
        assertThat(upper).isCloseTo(2e9 + halfWidth, within(1e3));
        assertThat(m1.path("flops_per_output_token").path("mean_flop_per_output_token").asDouble()).isEqualTo(2.5e8);
        assertThat(m1.path("co2_g_per_1k_output_tokens").path("mean_g_co2e").asDouble())
                .isCloseTo(0.2, within(1e-12));
        assertThat(m1.path("co2_g_per_request").path("mean_g_co2e").asDouble()).isCloseTo(0.02, within(1e-12));
        JsonNode basis1 = points.get(0).path("figures_basis");
        assertThat(basis1.path("flops_method").asString()).isEqualTo("architecture");
        assertThat(basis1.path("flops_confidence").asString()).isEqualTo("high");
        assertThat(basis1.path("carbon_intensity_source").asString()).isEqualTo("country_table");
        assertThat(basis1.path("note").asString()).startsWith("estimates: ");
        // a zero-carbon grid is a valid 0, not a missing figure
        JsonNode m2 = points.get(1).path("metrics");
        assertThat(m2.path("co2_g_per_1k_output_tokens").path("mean_g_co2e").asDouble()).isEqualTo(0.0);
        assertThat(m2.path("co2_g_per_1k_output_tokens").path("n").asInt()).isEqualTo(3);
        assertThat(m2.path("flops_per_joule").path("mean_flop_per_j").asDouble()).isCloseTo(1e10, within(1e-3));

        StudyFile read = ResultFormats.STUDY.read(dir.resolve("study.json"));
        assertThat(read.points()).extracting(StudyFile.Point::flopsMethod)
                .containsExactly("architecture", "parameter_count");
        assertThat(read.points()).extracting(StudyFile.Point::flopsConfidence).containsExactly("high", "low");
        assertThat(read.points()).extracting(StudyFile.Point::carbonIntensitySource)
                .containsExactly("country_table", "explicit");
        assertThat(result.points()).extracting(p -> p.basis().flopsMethod())
                .containsExactly("architecture", "parameter_count");
    }

    @Test
    void withoutFlopsOrAnIntensityTheFiguresAreNullAndTheBasisSaysNone() throws IOException {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read");
        String yaml = "study_name: none\nengine: {type: embedded, model: " + model + "}\nexecution: {cycles: 2}\n";
        Path dir = tmp.resolve("s");
        Lem.builder().engine(new StandInDriver())
                .executor(new ScriptedExecutor(u -> ScriptedExecutor.Step.done(0.2, 100)))
                .build().runStudy(StudyLoader.parse(yaml, "none.yaml", Map.of()), dir, StudyOptions.DEFAULT);

        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        JsonNode point = Json.compact().readTree(dir.resolve("study.json").toFile()).path("points").get(0);
        assertThat(point.path("metrics").path("flops_per_joule").path("mean_flop_per_j").isNull()).isTrue();
        assertThat(point.path("metrics").path("co2_g_per_request").path("n").asInt()).isZero();
        assertThat(point.path("figures_basis").path("flops_method").isNull()).isTrue();
        assertThat(point.path("figures_basis").path("carbon_intensity_source").isNull()).isTrue();
        assertThat(List.of(point.path("figures_basis").path("carbon_intensity_label").asString()))
                .containsExactly("no carbon intensity given: set carbon.intensity_g_per_kwh or carbon.country");
    }
}
