package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lem verify} on lem-core's hand-computed experiment directory (proven figure by figure in VerifierTest) and
 * lem load directory (LoadVerifierTest), read from that module's test resources so that there is one copy of each.
 */
class VerifyCommandTest {

    private static final Path FIXTURE = Path.of("../lem-core/src/test/resources/verify/experiment");
    private static final Path LOAD_FIXTURE = Path.of("../lem-core/src/test/resources/verify/load");

    @TempDir
    Path tmp;

    private Path copy(Path to) throws IOException {
        return copy(FIXTURE, to);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void aGoodExperimentPassesWithOneRowPerFigure() {
        RunCommandTest.Run run = RunCommandTest.lem("verify", FIXTURE.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^energy\\.total_energy_j +128\\.000 +128\\.000 +0 *$")
                .containsPattern("(?m)^verdict: PASS: \\d+ figures agree");
    }

    @Test
    void aCorruptedFigureExitsOneAndNamesIt() throws IOException {
        Path dir = copy(tmp.resolve("exp"));
        Path result = dir.resolve("result.json");
        Files.writeString(result, Files.readString(result).replace("\"total_energy_j\": 128.0",
                "\"total_energy_j\": 134.4"));

        RunCommandTest.Run run = RunCommandTest.lem("verify", dir.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^energy\\.total_energy_j +134\\.400 +128\\.000 +4\\.8e-02 +FAIL")
                .contains("verdict: FAIL: ").contains("metrics.total_energy_j");
    }

    @Test
    void aStudyDirectoryGetsOneVerdictPerExperimentAndAnOverallOne() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("study"));
        copy(study.resolve("001-a"));
        Path bad = copy(study.resolve("002-b"));
        Files.writeString(bad.resolve("result.json"), Files.readString(bad.resolve("result.json"))
                .replace("\"output_tokens\": 44", "\"output_tokens\": 40"));
        Files.writeString(study.resolve("study.json"), """
                {"experiments": [{"dir": "001-a", "status": "done"}, {"dir": "002-b", "status": "done"},
                                 {"dir": "003-c", "status": "failed"}]}
                """);

        RunCommandTest.Run run = RunCommandTest.lem("verify", study.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("verdict: PASS", "verdict: FAIL: 1 of", "metrics.output_tokens",
                "003-c: not verified: no result.json (status failed)",
                "overall: FAIL: 2 of 3 verified (runs and study.json) passed, 1 not verified");
    }

    @Test
    void lemLoadsOutputDirectoryIsVerifiedFromItsSummary() throws IOException {
        RunCommandTest.Run good = RunCommandTest.lem("verify", LOAD_FIXTURE.toString());
        Path bad = copy(LOAD_FIXTURE, tmp.resolve("load"));
        Files.writeString(bad.resolve("summary.json"), Files.readString(bad.resolve("summary.json"))
                .replace("\"total_energy_j\": 128.0", "\"total_energy_j\": 134.4"));
        RunCommandTest.Run corrupted = RunCommandTest.lem("verify", bad.toString());

        assertThat(good.code()).as(good.out()).isZero();
        assertThat(good.out()).containsPattern("(?m)^energy\\.window\\.end_s +6\\.00000 +6\\.00000 +0 *$")
                .contains("verdict: PASS");
        assertThat(corrupted.code()).isEqualTo(1);
        assertThat(corrupted.out()).containsPattern("(?m)^energy\\.total_energy_j +134\\.400 +128\\.000 .*FAIL");
    }

    @Test
    void aPathThatIsNoResultsDirectoryIsAUserError() {
        RunCommandTest.Run missing = RunCommandTest.lem("verify", tmp.resolve("nope").toString());
        RunCommandTest.Run empty = RunCommandTest.lem("verify", tmp.toString());

        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("verify: RESULTS_DIR: no such directory: " + tmp.resolve("nope"))
                .doesNotContain("\n");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains(tmp.toString(), "neither result.json nor study.json");
    }
}
