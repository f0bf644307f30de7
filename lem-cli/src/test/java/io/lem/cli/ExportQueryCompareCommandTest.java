package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code lem query}, {@code lem export} and {@code lem compare} through the real command line, on lem-report's real results fixtures;
 * the expected aggregates are computed here from result.json with plain Jackson.
 */
class ExportQueryCompareCommandTest {

    static final Path RESULTS = Path.of("../lem-report/src/test/resources/results");
    private static final Path STUDY = RESULTS.resolve("tiny-sweep");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A tree of three separate runs: one at engine.parallel 1, two at 2 (two cycles of one point, each on its own). */
    private Path tree() throws IOException {
        copy(STUDY.resolve("001-tiny-p1-c1-390464dc/cycle-1"), tmp.resolve("tree/a/cycle-1"));
        copy(STUDY.resolve("003-tiny-p2-c1-132d9aea/cycle-1"), tmp.resolve("tree/b/cycle-1"));
        copy(STUDY.resolve("003-tiny-p2-c1-132d9aea/cycle-2"), tmp.resolve("tree/b/cycle-2"));
        return tmp.resolve("tree");
    }

    private static double jpt(Path resultDir) throws IOException {
        return JSON.readTree(resultDir.resolve("result.json").toFile()).path("metrics").path("joules_per_output_token")
                .doubleValue();
    }

    @Test
    void anAggregateOverATreeOfRunsIsTheMeanOfTheirFigures() throws IOException {
        Path root = tree();
        RunCommandTest.Run run = RunCommandTest.lem("query", "--root", root.toString(), "--format", "csv",
                "SELECT engine_parallel, avg(joules_per_output_token) AS jpt, count(*) AS runs FROM cycles"
                        + " GROUP BY 1 ORDER BY 1");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("engine_parallel,jpt,runs");
        String[] p1 = lines.get(1).split(",");
        String[] p2 = lines.get(2).split(",");
        assertThat(p1[0]).isEqualTo("1");
        assertThat(Double.parseDouble(p1[1])).isCloseTo(jpt(root.resolve("a/cycle-1")), within(1e-15));
        assertThat(p1[2]).isEqualTo("1");
        assertThat(p2[0]).isEqualTo("2");
        assertThat(Double.parseDouble(p2[1])).isCloseTo(
                (jpt(root.resolve("b/cycle-1")) + jpt(root.resolve("b/cycle-2"))) / 2, within(1e-15));
        assertThat(p2[2]).isEqualTo("2");
        assertThat(lines).hasSize(3);
    }

    @Test
    void theIssuesExampleRunsOverAStudyAndPrintsAnAlignedTable() throws IOException {
        RunCommandTest.Run run = RunCommandTest.lem("query", "--root", RESULTS.toString(),
                "SELECT engine_parallel, avg(joules_per_output_token) FROM points WHERE study = 'tiny-sweep'"
                        + " GROUP BY 1 ORDER BY 1");

        assertThat(run.code()).as(run.err()).isZero();
        // the four points' J/output-token means, from study.json (the study's own figure)
        var points = JSON.readTree(STUDY.resolve("study.json").toFile()).path("points");
        double p1 = (mean(points.get(0)) + mean(points.get(1))) / 2;
        double p2 = (mean(points.get(2)) + mean(points.get(3))) / 2;
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("engine_parallel  avg(joules_per_output_token)");
        assertThat(lines.get(1).strip().split(" +")).containsExactly("1", sixDigits(p1));
        assertThat(lines.get(2).strip().split(" +")).containsExactly("2", sixDigits(p2));
        assertThat(lines.get(3)).isEqualTo("2 rows");
    }

    private static double mean(tools.jackson.databind.JsonNode point) {
        return point.path("metrics").path("joules_per_output_token").path("mean_j_per_output_token").doubleValue();
    }

    private static String sixDigits(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Test
    void badSqlIsOneLineAndExitTwo() {
        RunCommandTest.Run run = RunCommandTest.lem("query", "--root", RESULTS.toString(),
                "SELECT nope FROM points");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("query: SQL: Binder Error: ").contains("nope").contains("lem query --tables");
    }

    @Test
    void aRootWithoutResultsIsAUserError() {
        RunCommandTest.Run run = RunCommandTest.lem("query", "--root", tmp.toString(), "SELECT 1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no results under").contains("fix:");
    }

    @Test
    void tablesListsEveryTableWithColumnsAndUnits() {
        RunCommandTest.Run run = RunCommandTest.lem("query", "--tables", "--root", RESULTS.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("points (5 rows)", "cycles (9 rows)", "requests (", "samples (", "gauges (",
                        "engine_metrics (")
                .containsPattern("(?m)^  joules_per_output_token +DOUBLE +J/output token$")
                .containsPattern("(?m)^  ttft_ms +DOUBLE +ms$")
                .containsPattern("(?m)^  engine_parallel +BIGINT$");
    }

    @Test
    void exportWritesOneFilePerTable() throws IOException {
        Path out = tmp.resolve("out");
        RunCommandTest.Run run = RunCommandTest.lem("export", STUDY.toString(), "--format", "jsonl", "--out",
                out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "cycles.jsonl", "engine_metrics.jsonl", "gauges.jsonl", "points.jsonl", "requests.jsonl",
                    "samples.jsonl");
        }
        assertThat(Files.readAllLines(out.resolve("points.jsonl"))).hasSize(4);
        assertThat(run.out()).containsPattern("(?m)^requests +56 rows ");
        assertThat(run.err()).isEqualTo("note: the energy of 8 of 8 measured runs is (in part) estimated, not read"
                + " from a counter (cycles.energy_estimated, points.energy_estimated, samples.method = 'estimate')\n");
    }

    @Test
    void aCorruptResultFileIsOneLineAndExitTwo() throws IOException {
        Path dir = tmp.resolve("exp");
        copy(STUDY.resolve("001-tiny-p1-c1-390464dc/cycle-1"), dir);
        Files.writeString(dir.resolve("result.json"), "{ not json");

        RunCommandTest.Run run = RunCommandTest.lem("export", dir.toString(), "--format", "csv", "--out",
                tmp.resolve("out").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("export: " + dir.resolve("result.json") + ": not valid JSON").contains("fix:");
    }

    @Test
    void anUnknownExportFormatIsAUserError() {
        RunCommandTest.Run run = RunCommandTest.lem("export", STUDY.toString(), "--format", "xlsx", "--out",
                tmp.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("export: --format: 'xlsx' is not an export format; fix: use csv, parquet or"
                + " jsonl\n");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aStudyComparedWithItselfMatchesEveryPointAtRatioOne() {
        RunCommandTest.Run run = RunCommandTest.lem("compare", STUDY.toString(), STUDY.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("matched points: 4 (4 by config hash, 0 by swept keys)")
                .containsPattern("(?m)^engine\\.parallel=2 workload\\.concurrency=2 .* 1\\.000 +overlap$")
                .contains("only in A: none", "only in B: none", "estimated");
    }

    @Test
    void aStudyAgainstMlEnergyPrintsWhatIsAndIsNotComparable() {
        RunCommandTest.Run run = RunCommandTest.lem("compare", STUDY.toString(), "--mlenergy",
                "../lem-report/src/test/resources/mlenergy");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("matched: none", "(B=1)", "bs128+tp1+pp1.json (0.130652 J/out tok)",
                "comparable:", "not comparable as they stand:", "GPU energy only");
    }

    @Test
    void compareNeedsExactlyOneOtherSide() {
        RunCommandTest.Run run = RunCommandTest.lem("compare", STUDY.toString(), STUDY.toString(), "--mlenergy",
                "../lem-report/src/test/resources/mlenergy");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("compare: B: give either a second results directory or --mlenergy");
    }
}
