package io.lem.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.lem.report.export.Fixtures;
import io.lem.report.export.TidyTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lem query builds only the per-run tables its statement names, and answers as if it had built them all. */
class SqlQueryTest {

    @Test
    void theStatementDecidesWhichPerRunTablesAreBuilt() {
        assertThat(SqlQuery.perRunTablesNamed("SELECT avg(joules_per_output_token) FROM points")).isEmpty();
        assertThat(SqlQuery.perRunTablesNamed("select count(*) from Requests r join cycles c using (cycle)"))
                .containsExactly("requests");
        assertThat(SqlQuery.perRunTablesNamed("SELECT * FROM samples s, gauges g, engine_metrics e"))
                .containsExactlyInAnyOrder("samples", "gauges", "engine_metrics");
        // a word inside another does not count; the catalogue needs every table
        assertThat(SqlQuery.perRunTablesNamed("SELECT requests_per_s FROM points")).isEmpty();
        assertThat(SqlQuery.perRunTablesNamed("SELECT table_name FROM information_schema.tables"))
                .isEqualTo(TidyTables.PER_RUN);
        assertThat(SqlQuery.perRunTablesNamed("SHOW TABLES")).isEqualTo(TidyTables.PER_RUN);
    }

    @Test
    void aQueryOfPointsGivesTheSameRowsWithoutReadingAnyRequestsFile(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("results");
        copy(Fixtures.study(), root.resolve("tiny-sweep"));
        String sql = "SELECT point_hash, joules_per_output_token, joules_per_output_token_ci_lower FROM points "
                + "ORDER BY point_index";
        QueryResult whole = SqlQuery.run(TidyTables.under(root, "--root"), sql);
        QueryResult requests = SqlQuery.run(TidyTables.under(root, "--root"), "SELECT count(*) FROM requests");
        assertThat(whole.rows()).hasSize(4);

        // break every requests.jsonl and power.csv: a points query must not need them
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("requests\\.jsonl|power\\.csv"))
                    .toList()) {
                Files.writeString(f, "{not json\n");
            }
        }
        TidyTables lazy = TidyTables.under(root, "--root", SqlQuery.perRunTablesNamed(sql));
        assertThat(lazy.names()).containsExactly(TidyTables.POINTS, TidyTables.CYCLES);
        assertThat(SqlQuery.run(lazy, sql)).isEqualTo(whole);
        assertThat((Number) requests.rows().getFirst().getFirst()).matches(n -> n.longValue() > 0);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
