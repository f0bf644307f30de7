package io.lem.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verifier against a hand-computable experiment directory (src/test/resources/verify/experiment) and copies of
 * it, each corrupted in one figure.
 *
 * <p>The fixture, by hand. power.csv samples every 0.5 s over [0, 7]: cpu-package0 is a counter drawing 1 W, 4 W
 * over [2, 6], then 1 W (C = 2 J at t = 2, 18 J at t = 6); dram0 a counter at 0.5 W; gpu0 a power column at 10 W,
 * 30 W from 2.5 s to 5.5 s, 10 W from 6 s (a linear ramp between samples; its 4.0 s cell is empty and skipped).
 * <ul>
 *   <li>baseline [0, 1]: 1 + 0.5 + 10 = 11.5 W; after [6, 7]: the same 11.5 W.</li>
 *   <li>measured [2, 6], 4 s: cpu 18 − 2 = 16 J, dram 2 J, gpu 10 (ramp) + 90 + 10 (ramp) = 110 J; total 128 J;
 *       active 128 − 11.5 × 4 = 82 J (cpu 12, dram 0, gpu 70).</li>
 *   <li>steady state [3.25, 5.25], 2 s: 8 + 1 + 60 = 69 J, active 69 − 23 = 46 J. Tokens inside: request 1 spreads
 *       30 tokens over [2.5, 4.0] (0.75 s of 1.5 s inside: 15), request 2's chunks arrive at 3.5, 4.25, 5.5, 6.0
 *       (2 inside, 1 token each), request 4 spreads 10 over [5.0, 5.5] (0.25 of 0.5 s: 5); 22 tokens.</li>
 *   <li>requests: 1 warm-up, 4 measured of which request 3 failed; measured ok 1, 2, 4: 44 output and 60 input
 *       tokens, so 11 tok/s, 128/44 J/out tok, 128/3 J/request. e2e 900, 2000, 3000 ms: median 2000, p95 at rank
 *       1.9 = 2900; ttft 400, 500, 500.</li>
 *   <li>request_energy.jsonl: request 1 [2, 4] = 8 + 1 + 55 = 64 J; request 2 [3, 6] = 12 + 1.5 + 85 = 98.5 J;
 *       request 4 [4.6, 5.5] = 3.6 + 0.45 + 27 = 31.05 J. Time-sharing 50 + 20 + 10 plus 2 J unattributed = 82 J.</li>
 * </ul>
 */
class VerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    static Path fixture() {
        return resource("/verify/experiment/result.json");
    }

    /** The directory of a test resource file. */
    static Path resource(String file) {
        try {
            return Path.of(VerifierTest.class.getResource(file).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copy() throws IOException {
        return copy(fixture(), tmp.resolve("exp"));
    }

    /** A copy of a fixture directory, to corrupt. */
    static Path copy(Path from, Path to) throws IOException {
        Path dir = Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void theHandComputedFixturePassesEveryFigure() {
        Verification v = Verifier.verify(fixture());

        assertThat(v.failures()).isEmpty();
        assertThat(v.passed()).isTrue();
        assertThat(v.largestRelativeDifference()).isLessThan(1e-9);
        assertThat(v.checks()).extracting(Check::figure).contains("energy.total_energy_j",
                "energy.energy_j_by_domain.gpu0", "baseline.after_power_w", "steady_state.output_tokens",
                "metrics.joules_per_output_token", "metrics.e2e_latency_p95_ms", "requests.failed",
                "request_energy.jsonl window_energy_j");
        assertThat(v.figuresChecked()).isEqualTo(v.checks().size());
    }

    @Test
    void theJsonSectionNamesPassedCountAndFailures() throws IOException {
        Path dir = copy();
        editResult(dir, r -> r.set("verification", JSON.createObjectNode().put("passed", false)));
        editResult(dir, r -> ((ObjectNode) r.get("metrics")).put("tokens_per_second", 12.0));

        var json = Verifier.verify(dir).toJson();

        assertThat(json).containsEntry("passed", false).containsKeys("figures_checked", "largest_relative_difference");
        assertThat((List<?>) json.get("failures")).hasSize(1).first().asString()
                .contains("figure=metrics.tokens_per_second", "reported=12.0", "recomputed=11.0");
    }

    @Test
    void anEarlierVerificationSectionIsIgnored() throws IOException {
        Path dir = copy();
        editResult(dir, r -> r.set("verification", JSON.createObjectNode().put("passed", false)
                .put("total_energy_j", 1.0)));

        assertThat(Verifier.verify(dir).passed()).isTrue();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("a total off by 5 %", json("/energy", "total_energy_j", 128.0 * 1.05),
                        "energy.total_energy_j"),
                Arguments.of("the steady-state energy as the total (defect 1)", json("/energy", "total_energy_j", 69.0),
                        "energy.total_energy_j"),
                Arguments.of("J/out tok 3 % low", json("/metrics", "joules_per_output_token", 128.0 / 44 * 0.97),
                        "metrics.joules_per_output_token"),
                Arguments.of("a wrong token count", json("/metrics", "output_tokens", 45),
                        "metrics.output_tokens"),
                Arguments.of("a wrong percentile", json("/metrics", "e2e_latency_p95_ms", 3000.0),
                        "metrics.e2e_latency_p95_ms"),
                Arguments.of("a baseline power off", json("/baseline/power_w_by_domain", "cpu-package0", 1.1),
                        "baseline.power_w_by_domain.cpu-package0"),
                Arguments.of("an attribution sum off", json("/attribution", "unattributed_j", 3.0),
                        AttributionChecks.SHARED_FIGURE),
                Arguments.of("negative active energy clamped to 0", json("/energy", "active_energy_j", 0.0),
                        "energy.active_energy_j"),
                Arguments.of("a wrong steady-state token count", json("/steady_state", "output_tokens", 24.0),
                        "steady_state.output_tokens"),
                Arguments.of("a failed request counted ok", json("/requests", "failed", 0),
                        "requests.failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aCorruptedFigureFailsAndIsNamed(String what, Corruption corruption, String figure) throws IOException {
        Path dir = copy();
        corruption.apply(dir);

        Verification v = Verifier.verify(dir);

        assertThat(v.passed()).as(what).isFalse();
        assertThat(v.failures()).extracting(Check::figure).as(what).contains(figure);
    }

    @Test
    void aShiftedMeasuredWindowFailsItsEdgesAndItsEnergy() throws IOException {
        Path dir = copy();
        editResult(dir, r -> ((ObjectNode) r.at("/timeline/measured")).put("start_s", 2.5).put("end_s", 6.5));

        assertThat(Verifier.verify(dir).failures()).extracting(Check::figure)
                .contains("timeline.measured.start_s", "timeline.measured.end_s", "energy.total_energy_j");
    }

    @Test
    void aRequestDroppedFromRequestsJsonlFailsTheTokenCountsAndItsEnergyRow() throws IOException {
        Path dir = copy();
        editLines(dir.resolve("requests.jsonl"), l -> l.startsWith("{\"id\":4,") ? null : l);

        List<Check> failures = Verifier.verify(dir).failures();

        assertThat(failures).extracting(Check::figure).contains("metrics.output_tokens", "requests.ok",
                "metrics.ttft_mean_ms", "request_energy.jsonl window_energy_j");
        assertThat(failures).filteredOn(c -> c.figure().equals("request_energy.jsonl window_energy_j"))
                .first().extracting(Check::note).asString().contains("id 4");
    }

    @Test
    void aMissingPowerColumnFailsThatDomainWithTheReason() throws IOException {
        Path dir = copy();
        editLines(dir.resolve("power.csv"), l -> {
            String[] cells = l.split(",", -1);
            return String.join(",", cells[0], cells[1], cells[3], cells[4]); // drops dram0_energy_j
        });

        List<Check> failures = Verifier.verify(dir).failures();

        assertThat(failures).extracting(Check::figure).contains("energy.energy_j_by_domain.dram0",
                "energy.total_energy_j");
        assertThat(failures).filteredOn(c -> c.figure().equals("energy.energy_j_by_domain.dram0")).first()
                .extracting(Check::note).asString().contains("no column dram0");
    }

    @Test
    void aRequestWindowEnergyOffFailsNamingTheRequest() throws IOException {
        Path dir = copy();
        editLines(dir.resolve("request_energy.jsonl"), l -> l.replace("\"window_energy_j\":98.5", "\"window_energy_j\":90.0"));

        assertThat(Verifier.verify(dir).failures()).singleElement().satisfies(c -> {
            assertThat(c.figure()).isEqualTo("request_energy.jsonl window_energy_j");
            assertThat(c.note()).contains("id 2");
        });
    }

    @Test
    void anAfterPowerWithoutAnAfterWindowFails() throws IOException {
        Path dir = copy();
        editResult(dir, r -> ((ObjectNode) r.get("timeline")).putNull("after"));

        assertThat(Verifier.verify(dir).failures()).extracting(Check::figure)
                .containsExactly("baseline.after_power_w");
    }

    @Test
    void aNegativeActiveEnergyIsExpectedAsNullNeverAsZero() throws IOException {
        // gpu0 at 100 W over the baseline rows: P_idle = 1 + 0.5 + 100 = 101.5 W, × 4 s = 406 J > 128 J measured
        Path dir = copy();
        editLines(dir.resolve("power.csv"), l -> l.matches("(0\\.0|0\\.5|1\\.0),.*") ? l.replace(",10.0,", ",100.0,") : l);
        editResult(dir, r -> ((ObjectNode) r.get("energy")).put("active_energy_j", 0.0));

        Check active = Verifier.verify(dir).checks().stream()
                .filter(c -> c.figure().equals("energy.active_energy_j")).findFirst().orElseThrow();

        assertThat(active.passed()).isFalse();
        assertThat(active.recomputed()).isNull();
        assertThat(active.note()).contains("negative", "baseline is not valid");
    }

    @Test
    void resultsWithoutTheDomainListsCannotBeVerified() throws IOException {
        Path dir = copy();
        editResult(dir, r -> ((ObjectNode) r.get("methods")).remove("total_domain_ids"));

        assertThat(Verifier.verify(dir).failures()).filteredOn(c -> c.figure().equals("energy.total_energy_j"))
                .singleElement().extracting(Check::note).asString().contains("methods.*_domain_ids");
    }

    @Test
    void aStudyDirectoryVerifiesEachExperimentAndSkipsFailedOnes() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Path good = copy();
        Files.move(good, study.resolve("001-a"));
        Files.writeString(study.resolve("study.json"), """
                {"experiments": [{"dir": "001-a", "status": "done"}, {"dir": "002-b", "status": "failed"}]}
                """);

        List<Verifier.Experiment> all = Verifier.verifyAll(study);

        assertThat(all).hasSize(3);
        assertThat(all.get(0).verification().passed()).isTrue();
        assertThat(all.get(1).verification()).isNull();
        assertThat(all.get(1).skipped()).contains("status failed");
        // last, study.json's summaries: none in this one
        assertThat(all.get(2).name()).isEqualTo("study.json");
        assertThat(all.get(2).verification().figuresChecked()).isZero();
    }

    /** A study of one cycle keeps each run's files in the point directory itself, as the demo does. */
    @Test
    void aOneCycleStudysSummariesAreReadFromThePointDirectory() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("one"));
        copy(fixture(), study.resolve("001-p"));
        double v = JSON.readTree(fixture().resolve("result.json").toFile()).path("metrics")
                .path("joules_per_output_token").asDouble();
        java.util.Map<String, Object> summary = io.lem.analysis.stats.PointSummary.of(new double[] {v},
                io.lem.analysis.stats.BootstrapOptions.DEFAULT).toJson("j_per_output_token");
        Files.writeString(study.resolve("study.json"), JSON.writeValueAsString(java.util.Map.of(
                "experiments", List.of(java.util.Map.of("index", 1, "dir", "001-p", "status", "done")),
                "points", List.of(java.util.Map.of("index", 1, "dir", "001-p", "cycles", List.of("done"),
                        "metrics", java.util.Map.of("joules_per_output_token", summary))))));

        List<Verifier.Experiment> all = Verifier.verifyAll(study);

        assertThat(all).extracting(Verifier.Experiment::name).containsExactly("001-p", "study.json");
        assertThat(all.getLast().verification().passed()).as("%s", all.getLast().verification().failures()).isTrue();
        // the value and the mean; one value has no interval (method none)
        assertThat(all.getLast().verification().figuresChecked()).isEqualTo(2);
    }

    /**
     * study.json written by lem's own analysis (t for 3 cycles, BCa for 12) is redone by the verifier's code from
     * each cycle's result.json; every cycle directory is verified too, and a bound off by 1 % fails alone.
     */
    @Test
    void aStudysPointSummariesAreRedoneFromItsCycles() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("study"));
        double base = JSON.readTree(fixture().resolve("result.json").toFile()).path("metrics")
                .path("joules_per_output_token").asDouble();
        int[] cycles = {12, 3};
        java.util.List<java.util.Map<String, Object>> points = new java.util.ArrayList<>();
        java.util.List<java.util.Map<String, Object>> experiments = new java.util.ArrayList<>();
        for (int p = 0; p < cycles.length; p++) {
            String dir = "00" + (p + 1) + "-p";
            double[] values = new double[cycles[p]];
            for (int k = 1; k <= cycles[p]; k++) {
                Path cycle = copy(fixture(), study.resolve(dir).resolve("cycle-" + k));
                double v = base * (1 + 0.01 * ((k * 7) % 5 - 2));
                values[k - 1] = v;
                editResult(cycle, r -> ((ObjectNode) r.get("metrics")).put("joules_per_output_token", v));
            }
            io.lem.analysis.stats.PointSummary summary = io.lem.analysis.stats.PointSummary.of(values,
                    io.lem.analysis.stats.BootstrapOptions.DEFAULT);
            points.add(java.util.Map.of("index", p + 1, "dir", dir, "cycles",
                    java.util.Collections.nCopies(cycles[p], "done"),
                    "metrics", java.util.Map.of("joules_per_output_token", summary.toJson("j_per_output_token"))));
            experiments.add(java.util.Map.of("index", p + 1, "dir", dir, "status", "done"));
        }
        Path studyJson = study.resolve("study.json");
        Files.writeString(studyJson, JSON.writeValueAsString(java.util.Map.of("experiments", experiments,
                "points", points)));

        List<Verifier.Experiment> all = Verifier.verifyAll(study);

        assertThat(all).hasSize(12 + 3 + 1);
        assertThat(all.get(0).name()).isEqualTo("001-p/cycle-1");
        Verification summaries = all.getLast().verification();
        assertThat(summaries.passed()).as("%s", summaries.failures()).isTrue();
        // per point: 12 or 3 per-cycle values, the mean and both bounds
        assertThat(summaries.figuresChecked()).isEqualTo(12 + 3 + 3 * 2);
        assertThat(summaries.checks()).extracting(Check::figure).contains(
                "points[1].metrics.joules_per_output_token.ci.lower_j_per_output_token",
                "points[2].metrics.joules_per_output_token.ci.upper_j_per_output_token");
        assertThat(summaries.checks()).filteredOn(c -> c.figure().endsWith(".ci.upper_j_per_output_token"))
                .extracting(Check::note).containsExactly("bca", "student_t");

        ObjectNode written = (ObjectNode) JSON.readTree(studyJson.toFile());
        ObjectNode ci = (ObjectNode) written.get("points").get(1).get("metrics").get("joules_per_output_token")
                .get("ci");
        ci.put("upper_j_per_output_token", ci.get("upper_j_per_output_token").asDouble() * 1.01);
        Files.writeString(studyJson, JSON.writeValueAsString(written));
        assertThat(Verifier.verifyAll(study).getLast().verification().failures()).extracting(Check::figure)
                .containsExactly("points[2].metrics.joules_per_output_token.ci.upper_j_per_output_token");
    }

    @Test
    void aDirectoryThatIsNotAResultsDirectoryIsAUserError() {
        assertThatThrownBy(() -> Verifier.verifyAll(tmp)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("study.json");
        assertThatThrownBy(() -> Verifier.verifyAll(tmp.resolve("nope"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such directory");
    }

    /** A change to a copied experiment directory. */
    interface Corruption {
        void apply(Path dir) throws IOException;
    }

    private static Corruption json(String object, String field, double value) {
        return dir -> editResult(dir, r -> ((ObjectNode) r.at(object)).put(field, value));
    }

    private static void editResult(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("result.json");
        ObjectNode result = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(result);
        Files.writeString(file, JSON.writeValueAsString(result));
    }

    /** Rewrites each line; a null drops it. */
    static void editLines(Path file, UnaryOperator<String> edit) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(edit).filter(l -> l != null).toList();
        Files.write(file, lines);
    }
}
