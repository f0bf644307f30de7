package io.lem.report.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The tables against the files they come from, each read here with plain Jackson and line counts, not through the
 * code under test or lem-core's typed readers.
 */
class TidyTablesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExperimentsPointCarriesResultJsonsFigure() throws IOException {
        TidyTables t = TidyTables.of(ResultsDir.at(Fixtures.cycle()).orElseThrow());
        JsonNode result = JSON.readTree(Fixtures.cycle().resolve("result.json").toFile());
        Table points = t.table(TidyTables.POINTS);
        assertThat(points.rows()).hasSize(1);
        assertThat(points.column("joules_per_output_token").getFirst())
                .isEqualTo(result.path("metrics").path("joules_per_output_token").doubleValue());
        assertThat(points.column("point_hash").getFirst())
                .isEqualTo(result.path("experiment").path("config_hash").stringValue());
    }

    @Test
    void aStudysPointsAreTheMeansOfTheirCyclesAsStudyJsonHasThem() throws IOException {
        Table points = TidyTables.of(ResultsDir.at(Fixtures.study()).orElseThrow()).table(TidyTables.POINTS);
        JsonNode study = JSON.readTree(Fixtures.study().resolve("study.json").toFile());
        assertThat(points.rows()).hasSize(study.path("points").size()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode p = study.path("points").get(i);
            List<Double> perCycle = new ArrayList<>();
            for (int k = 1; k <= p.path("cycles").size(); k++) {
                JsonNode r = JSON.readTree(Fixtures.study().resolve(p.path("dir").stringValue() + "/cycle-" + k
                        + "/result.json").toFile());
                perCycle.add(r.path("metrics").path("joules_per_output_token").doubleValue());
            }
            double mean = perCycle.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat((Double) points.column("joules_per_output_token").get(i)).isCloseTo(mean, within(1e-15));
            JsonNode jpt = p.path("metrics").path("joules_per_output_token");
            assertThat(points.column("joules_per_output_token_ci_lower").get(i))
                    .isEqualTo(jpt.path("ci").path("lower_j_per_output_token").doubleValue());
            assertThat(points.column("joules_per_output_token_ci_upper").get(i))
                    .isEqualTo(jpt.path("ci").path("upper_j_per_output_token").doubleValue());
            assertThat(points.column("engine_parallel").get(i))
                    .isEqualTo(p.path("keys").path("engine.parallel").longValue());
            assertThat(points.column("workload_concurrency").get(i))
                    .isEqualTo(p.path("keys").path("workload.concurrency").longValue());
            assertThat(points.column("publishable").get(i)).isEqualTo(p.path("publishable").booleanValue());
            List<String> reasons = new ArrayList<>();
            p.path("validity").path("reasons").forEach(r -> reasons.add(r.stringValue()));
            assertThat(points.column("validity_reasons").get(i)).isEqualTo(String.join(" ", reasons));
        }
        assertThat(TidyTables.of(ResultsDir.at(Fixtures.study()).orElseThrow()).table(TidyTables.CYCLES).rows())
                .hasSize(8);
    }

    @Test
    void requestsHaveOneRowPerRequestsJsonlLine() throws IOException {
        long lines = 0;
        try (Stream<Path> files = Files.walk(Fixtures.study())) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("requests.jsonl")).toList()) {
                lines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            }
        }
        TidyTables t = TidyTables.of(ResultsDir.at(Fixtures.study()).orElseThrow());
        assertThat(t.table(TidyTables.REQUESTS).rows()).hasSize((int) lines);
        // 8 runs × (1 warm-up + 6 measured)
        assertThat(lines).isEqualTo(56);
        long withEnergy = t.table(TidyTables.REQUESTS).column("window_energy_j").stream().filter(v -> v != null)
                .count();
        assertThat(withEnergy).isEqualTo(48);
    }

    @Test
    void samplesIntegrateToEachRunsTotal() throws IOException {
        TidyTables t = TidyTables.of(ResultsDir.at(Fixtures.study()).orElseThrow());
        Table samples = t.table(TidyTables.SAMPLES);
        Table cycles = t.table(TidyTables.CYCLES);
        for (List<Object> run : cycles.rows()) {
            String hash = (String) run.get(cycles.indexOf("point_hash"));
            long cycle = (Long) run.get(cycles.indexOf("cycle"));
            JsonNode result = JSON.readTree(Fixtures.study().resolve(run.get(cycles.indexOf("run_dir"))
                    + "/result.json").toFile());
            double start = result.path("timeline").path("measured").path("start_s").doubleValue();
            double end = result.path("timeline").path("measured").path("end_s").doubleValue();
            List<double[]> counter = new ArrayList<>();
            for (List<Object> s : samples.rows()) {
                if (s.get(samples.indexOf("point_hash")).equals(hash) && s.get(samples.indexOf("cycle")).equals(cycle)
                        && Boolean.TRUE.equals(s.get(samples.indexOf("in_total")))) {
                    counter.add(new double[] {(Double) s.get(samples.indexOf("t_s")),
                            (Double) s.get(samples.indexOf("energy_j"))});
                }
            }
            double energy = interpolate(counter, end) - interpolate(counter, start);
            assertThat(energy).as(run.get(cycles.indexOf("run_dir")).toString())
                    .isCloseTo(result.path("energy").path("total_energy_j").doubleValue(), within(1e-9));
        }
    }

    @Test
    void aLoadOutputFillsTheSameColumns() throws IOException {
        TidyTables t = TidyTables.of(ResultsDir.at(Fixtures.load()).orElseThrow());
        JsonNode summary = JSON.readTree(Fixtures.load().resolve("summary.json").toFile());
        Table cycles = t.table(TidyTables.CYCLES);
        assertThat(cycles.column("joules_per_output_token").getFirst())
                .isEqualTo(summary.path("energy").path("joules_per_output_token").doubleValue());
        assertThat(cycles.column("source_file").getFirst()).isEqualTo("summary.json");
        assertThat(t.table(TidyTables.POINTS).column("joules_per_output_token").getFirst())
                .isEqualTo(summary.path("energy").path("joules_per_output_token").doubleValue());
        assertThat(t.table(TidyTables.REQUESTS).rows())
                .hasSize((int) Files.readAllLines(Fixtures.load().resolve("requests.jsonl")).stream()
                        .filter(l -> !l.isBlank()).count());
        assertThat(t.table(TidyTables.REQUESTS).column("portion")).contains("warmup", "measured");
    }

    @Test
    void engineMetricsAreReadWhenARunWroteThem(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("load");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Fixtures.load())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        // lem load's long form: a series with labels is quoted, as it holds commas
        Files.writeString(dir.resolve("engine_metrics.csv"), "time_s,series,value\n0.5,vllm:num_requests_running,3.0\n"
                + "0.5,\"vllm:kv{a=\"\"x\"\",b=\"\"y\"\"}\",0.25\n");
        Table m = TidyTables.of(ResultsDir.at(dir).orElseThrow()).table(TidyTables.ENGINE_METRICS);
        assertThat(m.column("series")).containsExactly("vllm:num_requests_running", "vllm:kv{a=\"x\",b=\"y\"}");
        assertThat(m.column("value")).containsExactly(3.0, 0.25);
    }

    /** readPoints skips each run's own files: a run whose requests.jsonl and power.csv are broken still compares. */
    @Test
    void readPointsGivesTheSamePointsWithoutReadingRequestsOrSamples(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path dir = tmp.resolve("cycle-1");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Fixtures.cycle())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Table whole = TidyTables.read(dir, "DIR").table(TidyTables.POINTS);
        Files.writeString(dir.resolve("requests.jsonl"), "{not json\n");
        Files.writeString(dir.resolve("power.csv"), "t_s,cpu:energy_j\nnot,a number\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TidyTables.read(dir, "DIR"))
                .isInstanceOf(RuntimeException.class);

        TidyTables points = TidyTables.readPoints(dir, "DIR");
        assertThat(points.names()).containsExactly(TidyTables.POINTS, TidyTables.CYCLES);
        assertThat(points.table(TidyTables.POINTS).rows()).isEqualTo(whole.rows());
        assertThat(points.table(TidyTables.POINTS).column("joules_per_output_token")).containsExactly(
                JSON.readTree(dir.resolve("result.json").toFile()).path("metrics").path("joules_per_output_token")
                        .doubleValue());
    }

    /** The counter at time t, linearly between the samples either side (clamped to the first and last). */
    private static double interpolate(List<double[]> samples, double t) {
        if (t <= samples.getFirst()[0]) {
            return samples.getFirst()[1];
        }
        for (int i = 1; i < samples.size(); i++) {
            double[] a = samples.get(i - 1);
            double[] b = samples.get(i);
            if (t <= b[0]) {
                return a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
            }
        }
        return samples.getLast()[1];
    }
}
