package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.lem.testkit.SseServer;

/** lem load ends by writing the report beside summary.json; a report that cannot be written never fails the load. */
class LoadReportTest {

    private static SseServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new SseServer(16);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private RunCommandTest.Run load(Path out, String... more) throws Exception {
        Path prompts = Files.writeString(dir.resolve("prompts.txt"), "hello there\nwhat is a joule\n");
        String[] base = {"load", "--endpoint", server.uri().toString(), "--model", "m", "--prompts",
                prompts.toString(), "--output", out.toString(), "--requests", "6", "--concurrency", "2",
                "--no-metrics", "--warmup", "0"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return RunCommandTest.lem(args);
    }

    @Test
    void loadEndsWithTheReportOfItsOutputDirectory() throws Exception {
        Path out = dir.resolve("out");
        RunCommandTest.Run run = load(out, "--meters", "auto", "--baseline", "0.3", "--sample-rate", "20");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("report: " + out.resolve("report.html"));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("lem load m", "<h2>Points</h2>", "chart-latency", "chart-power-1");
        assertThat(out.resolve("figures/latency.svg")).isRegularFile();
        assertThat(out.resolve("figures/power-1.png")).isRegularFile();
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningAndTheLoadStillSucceeds() throws Exception {
        Path out = Files.createDirectories(dir.resolve("blocked"));
        Files.writeString(out.resolve("figures"), "a file where the report's figures/ directory would go");
        RunCommandTest.Run run = load(out);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: the report was not written", "lem report " + out);
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("requests.jsonl")).isRegularFile();
    }

    @Test
    void noReportSkipsIt() throws Exception {
        Path out = dir.resolve("plain");
        RunCommandTest.Run run = load(out, "--no-report");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("report: ");
        assertThat(out.resolve("report.html")).doesNotExist();
    }
}
