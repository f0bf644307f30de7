package io.lem.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.lem.testkit.ResultSchemas;

/**
 * Every result format written and read back equals what was written; the golden files read back into records and,
 * written again from those records, give the same bytes; result.json validates against its schema.
 */
class ResultFormatsTest {

    @TempDir
    Path dir;

    @Test
    void everyFormatIsListedOnceAndFoundByEitherName() {
        assertThat(ResultFormats.all()).extracting(ResultFormat::fileName).containsExactly("result.json",
                "requests.jsonl", "request_energy.jsonl", "power.csv", "summary.json", "study.json");
        for (ResultFormat<?, ?> f : ResultFormats.all()) {
            assertThat(ResultFormats.byName(f.name())).isSameAs(f);
            assertThat(ResultFormats.byName(f.fileName().toUpperCase(java.util.Locale.ROOT))).isSameAs(f);
        }
        assertThatThrownBy(() -> ResultFormats.byName("parquet")).hasMessageContaining("use one of result, requests");
    }

    @Test
    void goldenRequestsReadBackIntoRowsAndWriteBackByteForByte() throws IOException {
        Path golden = copy("golden/requests.jsonl");
        List<RequestRow> rows = ResultFormats.REQUESTS.read(golden);
        assertThat(rows).hasSize(3);
        assertThat(rows.getFirst().warmup()).isTrue();
        assertThat(rows.getFirst().measured()).isFalse();
        assertThat(rows.get(1).measured()).isTrue();
        assertThat(rows.get(1).firstTokenS()).isEqualTo(2.25);
        Path again = dir.resolve("again.jsonl");
        ResultFormats.REQUESTS.write(again, rows);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(golden));
        assertThat(ResultFormats.REQUESTS.read(again)).isEqualTo(rows);
    }

    @Test
    void loadRowsWithScheduleEngineCountsAndNullsRoundTrip() throws IOException {
        RequestRow load = new RequestRow(7, null, new RequestRow.Schedule("cooldown", 1.5, 0.25), "timeout", null,
                1.5, null, 2.5, null, null, true, 0, 0, null, null, 1000.0, List.of(), null, "timed out");
        RequestRow ollama = new RequestRow(8, false, null, "ok", 200, 0.1, 0.2, 0.9, 12L, 4L, false, 4, 1, 100.0,
                200.0, 800.0, List.of(100.0, 300.0, 500.0, 800.0),
                new RequestRow.EngineCounts(null, 4L, 1.5, 2.5, null, 10.0), null);
        ResultFormats.REQUESTS.write(dir.resolve("r.jsonl"), List.of(load, ollama));
        assertThat(ResultFormats.REQUESTS.read(dir.resolve("r.jsonl"))).containsExactly(load, ollama);
        assertThat(load.measured()).isFalse();
    }

    @Test
    void goldenRequestEnergyRowsRoundTrip() throws IOException {
        Path golden = copy("golden/request_energy.jsonl");
        List<RequestEnergyRow> rows = ResultFormats.REQUEST_ENERGY.read(golden);
        assertThat(rows).extracting(RequestEnergyRow::id).containsExactly(1L, 2L);
        assertThat(rows.getFirst().windowEnergyJ()).isEqualTo(7.0);
        Path again = dir.resolve("again.jsonl");
        ResultFormats.REQUEST_ENERGY.write(again, rows);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(golden));
    }

    @Test
    void goldenPowerCsvRoundTripsWithItsGaugeColumn() throws IOException {
        Path golden = copy("golden/power.csv");
        PowerTable table = ResultFormats.POWER.read(golden);
        assertThat(table.columns()).containsExactly("cpu-package0_energy_j", "dram0_energy_j", "gpu0:temperature_c");
        assertThat(table.domainId(0)).isEqualTo("cpu-package0");
        assertThat(table.quantity(2)).isEqualTo(io.lem.meter.Quantity.GAUGE);
        assertThat(table.rows()).isEqualTo(61);
        Path again = dir.resolve("again.csv");
        ResultFormats.POWER.write(again, table);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(golden));
    }

    /** Empty cells (a domain without a sample in that row), process ids with a colon, gauges, seeded values. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void powerTablesWithEmptyCellsAndProcessColumnsRoundTrip(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> columns = List.of("cpu-package0_energy_j", "process:4242_energy_j", "gpu0_power_w",
                "gpu0:power_w", "gpu0:sm_util_pct");
        int rows = 50;
        double[] t = new double[rows];
        double[][] v = new double[columns.size()][rows];
        for (int r = 0; r < rows; r++) {
            t[r] = r * 0.1 + random.nextDouble(0.01);
            for (int c = 0; c < columns.size(); c++) {
                v[c][r] = random.nextInt(4) == 0 ? Double.NaN : random.nextDouble(-1, 1e6);
            }
        }
        PowerTable table = new PowerTable(columns, t, v);
        ResultFormats.POWER.write(dir.resolve("p.csv"), table);
        PowerTable back = ResultFormats.POWER.read(dir.resolve("p.csv"));
        assertThat(back).isEqualTo(table);
        assertThat(back.domainId(1)).isEqualTo("process:4242");
        assertThat(back.quantity(1)).isEqualTo(io.lem.meter.Quantity.ENERGY_J);
        assertThat(back.quantity(2)).isEqualTo(io.lem.meter.Quantity.POWER_W);
        assertThat(back.quantity(3)).isEqualTo(io.lem.meter.Quantity.GAUGE);
        assertThat(Files.readString(dir.resolve("p.csv"))).contains(",,");
    }

    @Test
    void theStreamingWriterWritesAMissingSampleAsAnEmptyCell() throws IOException {
        Path csv = dir.resolve("power.csv");
        try (PowerCsvWriter writer = new PowerCsvWriter(csv, 0)) {
            writer.onStart(List.of(new io.lem.meter.Domain("process:7", io.lem.meter.DomainKind.PROCESS,
                    io.lem.meter.Quantity.ENERGY_J, true, "fixture")));
            writer.onSample(1_000_000_000L, new double[] {Double.NaN});
            writer.onSample(2_000_000_000L, new double[] {2.5});
        }
        assertThat(Files.readString(csv)).isEqualTo("t_s,process:7_energy_j\n1.0,\n2.0,2.5\n");
        PowerTable table = ResultFormats.POWER.read(csv);
        assertThat(table.samples(0).timesS()).containsExactly(2.0);
    }

    @Test
    void goldenResultReadsIntoItsTypedSectionsAndMatchesItsSchema() throws IOException {
        Path golden = copy("golden/result.json");
        ResultFile r = ResultFormats.RESULT.read(golden);
        assertThat(r.schemaVersion()).isEqualTo(ResultJson.VERSION);
        assertThat(r.experiment().configHash()).startsWith("debf3c09");
        assertThat(r.experiment().config()).containsEntry("workload.requests", 2);
        assertThat(r.timeline().measured()).isEqualTo(new Window(2.0, 6.0, 4.0));
        assertThat(r.timeline().after()).isNull();
        assertThat(r.energy().totalEnergyJ()).isEqualTo(14.0);
        assertThat(r.energy().energyJByDomain()).containsEntry("dram0", 2.0);
        assertThat(r.baseline().powerW()).isEqualTo(1.5);
        assertThat(r.baseline().afterPowerW()).isNull();
        assertThat(r.steadyState().joulesPerOutputToken()).isEqualTo(0.21875);
        assertThat(r.metrics().joulesPerOutputToken()).isEqualTo(0.21875);
        assertThat(r.metrics().byName()).containsKey("flops_total").containsEntry("flops_total", null);
        assertThat(r.methods().totalDomainIds()).containsExactly("cpu-package0", "dram0");
        assertThat(r.requests()).isEqualTo(new ResultFile.Requests(2, 2, 0, 1, 0.0));
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.verification()).isNull();
        // the fixture's generator: 0.25 CPU s for 3 requests is 83 333.3 µs each; no CPU model, so no estimate
        assertThat(r.loadGenerator()).isEqualTo(new ResultFile.LoadGenerator("event-loop", 0.25, 5.0, 3,
                0.25e6 / 3, null, true, "no estimate: the CPU model could not be read from the fixture"));
        assertThat(ResultSchemas.violations("result", golden)).isEmpty();
        ResultFormats.RESULT.write(dir.resolve("again.json"), JsonFiles.plain(ResultFormats.RESULT.tree(golden)));
        assertThat(Files.readString(dir.resolve("again.json"))).isEqualTo(Files.readString(golden));
    }

    @Test
    void theSchemaRejectsAResultWithAMissingOrMistypedFigure() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(JsonFiles.plain(ResultFormats.RESULT.tree(copy("golden/result.json"))));
        Map<String, Object> energy = new LinkedHashMap<>(castMap(json.get("energy")));
        energy.remove("total_energy_j");
        energy.put("active_energy_j", "8 J");
        json.put("energy", energy);
        ResultFormats.RESULT.write(dir.resolve("bad.json"), json);
        assertThat(ResultSchemas.violations("result", dir.resolve("bad.json")))
                .anyMatch(v -> v.contains("total_energy_j")).anyMatch(v -> v.contains("active_energy_j"));
    }

    @Test
    void studyFilesRoundTripWithEveryStatusAndValidate() throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("engine.model", null);
        config.put("workload.requests", 2);
        config.put("measurement.meters", List.of("auto"));
        config.put("measurement.baseline_s", 1.0);
        String hash = "0123456789abcdef".repeat(4);
        List<StudyFile.Experiment> experiments = new ArrayList<>();
        experiments.add(new StudyFile.Experiment(1, "a", hash, "001-a-01234567", StudyFile.Status.DONE, null, null, config));
        experiments.add(new StudyFile.Experiment(2, "b", hash, "002-b-01234567", StudyFile.Status.FAILED,
                "engine died", new StudyFile.EngineExit("measured load", null, "SIGKILL", null, List.of("killed")),
                config));
        experiments.add(new StudyFile.Experiment(3, "c", hash, "003-c-01234567", StudyFile.Status.SKIPPED, null, null, config));
        experiments.add(new StudyFile.Experiment(4, "d", hash, "004-d-01234567", StudyFile.Status.PENDING, null, null, config));
        StudyFile study = new StudyFile(1, "demo", experiments);
        Path file = dir.resolve("study.json");
        ResultFormats.STUDY.write(file, study);
        assertThat(ResultFormats.STUDY.read(file)).isEqualTo(study);
        assertThat(ResultSchemas.violations("study", file)).isEmpty();
        Files.writeString(file, Files.readString(file).replace("\"pending\"", "\"lost\""));
        assertThatThrownBy(() -> ResultFormats.STUDY.read(file)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("study.json").hasMessageContaining("unknown experiment status");
        assertThat(ResultSchemas.violations("study", file)).isNotEmpty();
    }

    @Test
    void aMissingOrBrokenFileIsOneLineNamingItAndTheFix() throws IOException {
        assertThatThrownBy(() -> ResultFormats.RESULT.readIn(dir)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("result.json: missing; fix:");
        Files.writeString(dir.resolve("requests.jsonl"), "{\"id\":0}\n{\"id\":1,\"sta");
        assertThatThrownBy(() -> ResultFormats.REQUESTS.readIn(dir)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("requests.jsonl:2").hasMessageContaining("truncated last line");
        Files.writeString(dir.resolve("requests.jsonl"), "{\"id\":0}\n\n{\"id\":1,\"sta"); // a blank line counts
        assertThatThrownBy(() -> ResultFormats.REQUESTS.readIn(dir)).hasMessageContaining("requests.jsonl:3");
        Files.write(dir.resolve("requests.jsonl"), new byte[] {'{', '"', (byte) 0xff, '"', '}', '\n'});
        assertThatThrownBy(() -> ResultFormats.REQUESTS.readIn(dir)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("requests.jsonl: cannot be read").hasMessageContaining("fix:");
        Files.writeString(dir.resolve("power.csv"), "t_s,a_energy_j\n0.0,1.0\n0.1,x\n");
        assertThatThrownBy(() -> ResultFormats.POWER.readIn(dir)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("power.csv:3").hasMessageContaining("'x'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private Path copy(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + resource)) {
            Path target = dir.resolve(Path.of(resource).getFileName());
            Files.write(target, in.readAllBytes());
            return target;
        }
    }
}
