package io.lem.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lem.analysis.ModelEfficiency;
import io.lem.analysis.carbon.CarbonIntensity;
import io.lem.client.EngineTimings;
import io.lem.result.Json;
import io.lem.testkit.Golden;
import tools.jackson.databind.JsonNode;

/** The Lab's machine-readable outputs (run report, batch summary, session summary, CSV export), sealed per locale. */
class LabGoldenFilesTest {

    static final Composition COMPOSITION = new Composition("qwen3:0.6b", "What is a joule?", "Be brief.",
            "earlier: hello", List.of(new Composition.Injection("doc", "A joule is one watt for one second.")), true,
            0.5, 64, 7L);

    static Map<String, Object> report() {
        ChatExchange x = new ChatExchange(1_000_000_000L, 1_250_000_000L, 3_000_000_000L, "A watt-second.",
                "Recall SI.", 41, 30, 4, true, new EngineTimings(41, 34, 200_000_000L, 1_600_000_000L, 5_000_000L,
                2_000_000_000L), false, null);
        RunMeasurer.Measured m = new RunMeasurer.Measured(x, true, null,
                new WindowFigures(1.0, 0.25, 7.5, 2.5, 2.5, Double.NaN, 1.25, 30.0),
                new WindowFigures(1.25, 1.75, 43.75, 8.75, 8.75, Double.NaN, 12.5, 25.0),
                new WindowFigures(1.0, 2.0, 51.25, 11.25, 11.25, Double.NaN, 13.75, 25.625), 20.0,
                "cpu-package0 + dram0", ModelEfficiency.json(1_800_000_000L, 2_000_000_000L, 13.75, 51.25),
                List.of("rapl", "process"), List.of(), null, List.of("a warning"));
        LabEngine engine = new LabEngine(java.net.URI.create("http://127.0.0.1:1"), "ollama", "Ollama at 127.0.0.1", -1,
                Double.NaN, null, null, () -> { });
        Benchmark b = new Benchmark("mine", "custom", 0.5, 2.0, "custom: entered by a user", "");
        CarbonIntensity grid = new CarbonIntensity(400.5, "country_table", "DEU", "Germany 2023 annual average",
                List.of());
        return RunReport.of("job-0", "job", 0, "2026-01-02T03:04:05Z", COMPOSITION, m, engine, b, grid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "ar-EG"})
    void labFormatsAreStableInEveryLocale(String tag) throws Exception {
        Golden.inLocale(tag, () -> {
            Map<String, Object> report = report();
            check("lab-run-report.json", pretty(report));
            check("lab-batch-summary.json", pretty(BatchStats.summary(List.of(report, report), 3, true)));
            JsonNode node = LabJson.read(LabJson.write(report));
            check("lab-session-summary.json", pretty(SessionSummary.of(List.of(node))));
            check("lab-session.csv", SessionSummary.csv(List.of(node)));
        });
    }

    private static String pretty(Object value) {
        return new String(Json.pretty().writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    private static void check(String name, String actual) throws IOException {
        Golden.check(LabGoldenFilesTest.class, name, actual);
    }
}
