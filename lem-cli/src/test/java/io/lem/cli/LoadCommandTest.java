package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.result.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class LoadCommandTest {

    private static SseServer server;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        server = new SseServer(16);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int lem(String... args) {
        CommandLine cli = new CommandLine(new LoadCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private List<String> base() throws Exception {
        Path prompts = Files.writeString(dir.resolve("prompts.txt"), "hello there\n\nwhat is a joule\nshort\n");
        return new ArrayList<>(List.of("--endpoint", server.uri().toString(), "--model", "m",
                "--prompts", prompts.toString(), "--output", dir.resolve("out").toString()));
    }

    @Test
    void closedLoopWritesEveryRequestAndTheVllmFigures() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--requests", "12", "--concurrency", "3", "--warmup", "2", "--goodput", "ttft:60000", "tpot:60000"));
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();

        List<String> rows = Files.readAllLines(dir.resolve("out/requests.jsonl"));
        assertThat(rows).hasSize(12);
        JsonNode first = Json.compact().readTree(rows.getFirst());
        assertThat(first.get("status").asString()).isEqualTo("ok");
        assertThat(first.get("chunk_ms")).hasSize(16);
        JsonNode metrics = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("metrics");
        assertThat(metrics.get("requests").asInt()).isEqualTo(10);
        assertThat(metrics.get("requests_failed").asInt()).isZero();
        assertThat(metrics.get("output_tokens").asLong()).isEqualTo(160);
        assertThat(metrics.get("prompt_tokens").asLong()).isEqualTo(70);
        assertThat(metrics.get("itl").get("count").asInt()).isEqualTo(10 * 15);
        assertThat(metrics.get("tpot").get("count").asInt()).isEqualTo(10);
        assertThat(metrics.get("good_requests").asInt()).isEqualTo(10);
        assertThat(metrics.get("definitions").get("tpot").asString()).contains("(e2e - ttft) / (output_tokens - 1)");
        assertThat(out.toString()).contains("Request throughput (req/s)").contains("TPOT");
        assertThat(err.toString()).contains("lem load: 12/12 requests, 0 failed");
    }

    @Test
    void openLoopSendsTheScheduleAndRecordsLateness() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--duration", "0.3", "--rate", "100", "--burstiness", "0.5", "--seed", "7"));
        int before = server.requests.get();
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();

        JsonNode summary = Json.compact().readTree(dir.resolve("out/summary.json").toFile());
        int sent = summary.get("run").get("requests_sent").asInt();
        assertThat(sent).isPositive();
        assertThat(server.requests.get() - before).isEqualTo(sent);
        assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(sent)
                .allSatisfy(l -> assertThat(Json.compact().readTree(l).get("lateness_ms").asDouble()).isGreaterThanOrEqualTo(0));
        assertThat(summary.get("run").get("arrival").get("type").asString()).isEqualTo("gamma");
        assertThat(summary.get("metrics").get("lateness").get("count").asInt()).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--requests 5 --concurrency 2 --rate 3|mutually exclusive",
            "--requests 5|Missing required argument",
            "--requests 5 --concurrency 2 --burstiness 0.5|--burstiness: applies to open-loop runs only",
            "--requests 5 --concurrency 2 --goodput itl:5|goodput: 'itl:5' is not METRIC:MS",
            "--requests 5 --rate 0|rate: must be > 0",
            "--requests 5 --concurrency 2 --api tgi|--api: 'tgi' is not available",
            "--requests 5 --concurrency 2 --warmup 5|--warmup: 5 warm-up requests leave none",
            "--requests five --concurrency 2|Invalid value for option '--requests'"})
    void badFlagsExitTwoWithOneClearLine(String flags, String message) throws Exception {
        List<String> args = base();
        args.addAll(List.of(flags.split(" ")));
        assertThat(lem(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }

    @Test
    void aMissingPromptsFileIsAUserError() {
        assertThat(lem("--endpoint", server.uri().toString(), "--model", "m", "--prompts", dir.resolve("none.txt").toString(),
                "--requests", "1", "--concurrency", "1", "--output", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--prompts: no such file");
    }
}
