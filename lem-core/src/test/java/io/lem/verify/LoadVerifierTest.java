package io.lem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verifier on lem load's output (src/test/resources/verify/load: summary.json, requests.jsonl, power.csv) and
 * on copies of it, each corrupted in one figure.
 *
 * <p>The fixture, by hand. power.csv is the experiment fixture's ({@link VerifierTest}) plus the engine's process
 * counter {@code process:4242}: 0.2 W, 2 W over [2, 6], then 0.2 W.
 * <ul>
 *   <li>baseline window [0, 1]: idle cpu-package0 1 W, dram0 0.5 W, gpu0 10 W (total 11.5 W), process 0.2 W.</li>
 *   <li>requests: 0 warm-up, 1–4 measured (3 failed: HTTP 500), 5 cool-down (ends at 6.5, after the window).
 *       Measured window = first measured send 2.0 to last measured end 6.0 (request 2): 4 s.</li>
 *   <li>energy over [2, 6]: cpu 16 J, dram 2 J, gpu 110 J, total 128 J, mean 32 W; E_llm = process 8 J; active
 *       128 − 11.5 × 4 = 82 J (cpu 12, dram 0, gpu 70, process 8 − 0.8 = 7.2).</li>
 *   <li>measured ok 1, 2, 4: 4 + 6 + 2 = 12 output tokens, 60 prompt tokens; 128/12 J/out tok, 82/12 active;
 *       0.75 req/s, 3 tok/s, 18 total tok/s, error rate 1/4.</li>
 *   <li>TTFT 300, 500, 400 ms: mean 400, p90 at rank 1.8 = 480, p95 490, p99 498; E2E 2000, 3000, 800: p90 2800;
 *       TPOT 1700/3, 500, 400; ITL: the 9 chunk gaps 600 500 600, 200 500 800 600 400, 400: median 500, p90 at rank
 *       7.2 = 640.</li>
 * </ul>
 */
class LoadVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    static Path fixture() {
        return VerifierTest.resource("/verify/load/summary.json");
    }

    private Path copy() throws IOException {
        return VerifierTest.copy(fixture(), tmp.resolve("load"));
    }

    @Test
    void theHandComputedLoadOutputPassesEveryFigure() {
        Verification v = Verifier.verify(fixture());

        assertThat(v.failures()).isEmpty();
        assertThat(v.largestRelativeDifference()).isLessThan(1e-9);
        assertThat(v.checks()).extracting(Check::figure).contains("energy.window.start_s", "energy.window.end_s",
                "energy.total_energy_j", LoadChecks.TOTAL_OF_DOMAINS_FIGURE, "energy.energy_j_by_domain.gpu0",
                "energy.llm_energy_j", "energy.idle_power_w_by_domain.process:4242", "energy.idle_power_w",
                "energy.active_energy_j_by_domain.process:4242", "energy.active_joules_per_output_token",
                "metrics.requests_failed", "metrics.output_throughput_tok_per_s", "metrics.ttft.p95_ms",
                "metrics.e2e.median_ms", "metrics.tpot.p99_ms", "metrics.itl.p90_ms", "run.requests_sent");
    }

    @Test
    void verifyAllTakesALoadOutputDirectoryAsOneExperiment() {
        List<Verifier.Experiment> all = Verifier.verifyAll(fixture());

        assertThat(all).singleElement().satisfies(e -> assertThat(e.verification().passed()).isTrue());
    }

    @Test
    void withoutMetersTheMetricsAloneAreVerified() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("power.csv"));
        editSummary(dir, s -> s.putNull("energy"));

        Verification v = Verifier.verify(dir);

        assertThat(v.failures()).isEmpty();
        assertThat(v.checks()).extracting(Check::figure).contains("metrics.output_tokens")
                .noneMatch(f -> f.startsWith("energy."));
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("a total off by 5 %", summary("/energy", "total_energy_j", 128.0 * 1.05),
                        List.of("energy.total_energy_j", LoadChecks.TOTAL_OF_DOMAINS_FIGURE)),
                Arguments.of("a domain off, total kept", summary("/energy/energy_j_by_domain", "gpu0", 100.0),
                        List.of("energy.energy_j_by_domain.gpu0", LoadChecks.TOTAL_OF_DOMAINS_FIGURE)),
                Arguments.of("an energy token count off", summary("/energy", "output_tokens", 13),
                        List.of("energy.output_tokens")),
                Arguments.of("a metrics token count off", summary("/metrics", "output_tokens", 13),
                        List.of("metrics.output_tokens")),
                Arguments.of("J/out tok 3 % low", summary("/energy", "joules_per_output_token", 128.0 / 12 * 0.97),
                        List.of("energy.joules_per_output_token")),
                Arguments.of("E_llm off", summary("/energy", "llm_energy_j", 9.0), List.of("energy.llm_energy_j")),
                Arguments.of("an idle power off", summary("/energy/idle_power_w_by_domain", "gpu0", 11.0),
                        List.of("energy.idle_power_w_by_domain.gpu0")),
                Arguments.of("negative active energy clamped to 0", summary("/energy", "active_energy_j", 0.0),
                        List.of("energy.active_energy_j")),
                Arguments.of("a wrong percentile", summary("/metrics/e2e", "p95_ms", 3000.0),
                        List.of("metrics.e2e.p95_ms")),
                Arguments.of("a wrong ITL", summary("/metrics/itl", "median_ms", 600.0),
                        List.of("metrics.itl.median_ms")),
                Arguments.of("a failed request counted ok", summary("/metrics", "requests_failed", 0),
                        List.of("metrics.requests_failed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aCorruptedFigureFailsAndIsNamed(String what, Corruption corruption, List<String> figures) throws IOException {
        Path dir = copy();
        corruption.apply(dir);

        Verification v = Verifier.verify(dir);

        assertThat(v.passed()).as(what).isFalse();
        assertThat(v.failures()).extracting(Check::figure).as(what).containsAll(figures);
    }

    @Test
    void anActiveEnergyOfZeroMayBeNullSinceRoundingPicksItsSign() throws IOException {
        // dram0: 2 J − 0.5 W × 4 s = 0; the producer may land a hair below 0 (null), the verifier a hair above
        Path dir = copy();
        editSummary(dir, s -> ((ObjectNode) s.at("/energy/active_energy_j_by_domain")).putNull("dram0"));

        assertThat(Verifier.verify(dir).failures()).isEmpty();
    }

    @Test
    void aShiftedWindowFailsItsEdgesAndItsEnergy() throws IOException {
        Path dir = copy();
        editSummary(dir, s -> ((ObjectNode) s.at("/energy/window")).put("start_s", 2.5).put("end_s", 6.5));

        assertThat(Verifier.verify(dir).failures()).extracting(Check::figure)
                .contains("energy.window.start_s", "energy.window.end_s", "energy.total_energy_j");
    }

    @Test
    void aCoolDownRequestCountedAsMeasuredMovesTheWindowEnd() throws IOException {
        Path dir = copy();
        VerifierTest.editLines(dir.resolve("requests.jsonl"),
                l -> l.replace("\"portion\":\"cooldown\"", "\"portion\":\"measured\""));

        assertThat(Verifier.verify(dir).failures()).extracting(Check::figure)
                .contains("energy.window.end_s", "metrics.requests", "metrics.output_tokens", "energy.output_tokens");
    }

    @Test
    void aRequestDroppedFromRequestsJsonlFailsTheCountsAndTokens() throws IOException {
        Path dir = copy();
        VerifierTest.editLines(dir.resolve("requests.jsonl"), l -> l.startsWith("{\"id\":4,") ? null : l);

        assertThat(Verifier.verify(dir).failures()).extracting(Check::figure).contains("run.requests_sent",
                "metrics.requests", "metrics.output_tokens", "energy.output_tokens", "metrics.ttft.count");
    }

    @Test
    void aMissingPowerColumnFailsThatDomainWithTheReason() throws IOException {
        Path dir = copy();
        VerifierTest.editLines(dir.resolve("power.csv"), l -> {
            String[] cells = l.split(",", -1);
            return String.join(",", cells[0], cells[1], cells[3], cells[4], cells[5]); // drops dram0_energy_j
        });

        List<Check> failures = Verifier.verify(dir).failures();

        assertThat(failures).extracting(Check::figure).contains("energy.energy_j_by_domain.dram0",
                "energy.total_energy_j", "energy.idle_power_w_by_domain.dram0");
        assertThat(failures).filteredOn(c -> c.figure().equals("energy.energy_j_by_domain.dram0")).first()
                .extracting(Check::note).asString().contains("no column dram0");
    }

    @Test
    void aSummaryWithoutItsDomainListsCannotBeVerified() throws IOException {
        Path dir = copy();
        editSummary(dir, s -> ((ObjectNode) s.get("energy")).remove("total_domain_ids"));

        assertThat(Verifier.verify(dir).failures()).filteredOn(c -> c.figure().equals("energy.total_energy_j"))
                .singleElement().extracting(Check::note).asString().contains("energy.*_domain_ids");
    }

    /** A change to a copied load directory. */
    interface Corruption {
        void apply(Path dir) throws IOException;
    }

    private static Corruption summary(String object, String field, double value) {
        return dir -> editSummary(dir, s -> ((ObjectNode) s.at(object)).put(field, value));
    }

    private static void editSummary(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("summary.json");
        ObjectNode summary = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(summary);
        Files.writeString(file, JSON.writeValueAsString(summary));
    }

}
