package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import io.lem.testkit.SseServer;
import io.lem.testkit.ResultSchemas;

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
        args.addAll(List.of("--requests", "10", "--concurrency", "3", "--warmup", "2", "--goodput", "ttft:60000", "tpot:60000"));
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
        // without meters the metrics alone are recomputed from requests.jsonl
        JsonNode verification = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("verification");
        assertThat(verification.get("passed").asBoolean()).as(verification.toString()).isTrue();
        assertThat(err.toString()).contains("lem load: verification: passed");
        ResultSchemas.assertMatches("summary", dir.resolve("out/summary.json"));
    }

    @Test
    void warmupAndCooldownAreExcludedFromTheFigures() throws Exception {
        List<String> args = base();
        // --requests counts the measured requests, as workload.requests does: warm-up and cool-down come on top
        args.addAll(List.of("--requests", "7", "--concurrency", "2", "--warmup-requests", "2", "--cooldown", "3"));
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(12);
        JsonNode metrics = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("metrics");
        assertThat(metrics.get("requests").asInt()).isEqualTo(7);
        assertThat(err.toString()).contains("lem load: note: sent 2 warm-up + 7 measured + 3 cool-down requests");
    }

    @Test
    void setGivesAnyKeyTheFlagsAliasAndOldSpellingsStillWork() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--concurrency", "2", "--set", "workload.requests=3", "--set",
                "measurement.warmup_requests=1", "--set", "workload.max_output_tokens=5", "--timeout", "30",
                "--max-tokens", "6", "--no-metrics"));
        assertThat(lem(args.toArray(String[]::new))).isEqualTo(2); // two spellings of one key: given twice
        assertThat(err.toString()).contains("--set: workload.max_output_tokens is given by --max-output-tokens too");

        args.remove("--max-tokens");
        args.remove("6");
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(4);
        JsonNode run = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("run");
        assertThat(run.get("warmup_requests").asInt()).isEqualTo(1);
        assertThat(run.get("max_tokens").asInt()).isEqualTo(5);
        assertThat(Json.compact().readTree(server.lastBody.get()).get("max_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void metersAddPowerCsvAndAnEnergySection() throws Exception {
        List<String> args = base();
        long pid = ProcessHandle.current().pid(); // this JVM serves the SSE endpoint: its process tree is the engine
        args.addAll(List.of("--requests", "40", "--concurrency", "4", "--meters", "auto", "--engine-pid",
                Long.toString(pid), "--baseline", "0.3", "--sample-rate", "50", "--warmup", "0"));
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();

        JsonNode energy = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("energy");
        // every OK request streams 16 tokens; the JDK client very rarely loses a pooled connection (a recorded
        // connection_error, see the capacity benchmark), which must not make the energy section wrong
        long ok = Files.readAllLines(dir.resolve("out/requests.jsonl")).stream()
                .filter(l -> l.contains("\"status\":\"ok\"")).count();
        assertThat(ok).as(Files.readString(dir.resolve("out/requests.jsonl"))).isGreaterThanOrEqualTo(39);
        assertThat(energy.get("output_tokens").asLong()).isEqualTo(ok * 16);
        assertThat(energy.get("total_energy_domains").asString()).isNotBlank();
        assertThat(energy.get("total_energy_j").isNumber()).isTrue();
        assertThat(energy.get("llm_energy_j").isNumber()).as("process meter attached to --engine-pid").isTrue();
        assertThat(energy.get("meters")).anySatisfy(m -> assertThat(m.get("used").asBoolean()).isTrue());
        List<String> power = Files.readAllLines(dir.resolve("out/power.csv"));
        assertThat(power.getFirst()).startsWith("t_s,").contains("process:" + pid);
        assertThat(power.size()).isGreaterThan(5);
        assertThat(out.toString()).contains("============ energy: ");
        JsonNode verification = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("verification");
        assertThat(verification.get("passed").asBoolean()).as(verification.toString()).isTrue();
        ResultSchemas.assertMatches("summary", dir.resolve("out/summary.json"));
    }

    @Test
    void openLoopSendsTheScheduleAndRecordsLateness() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--duration", "0.3", "--rate", "100", "--burstiness", "0.5", "--seed", "7", "--warmup", "0"));
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
            "--requests 5 --concurrency 2 --api tgi|--api: 'tgi' is not one of [openai, openai-completions, ollama",
            "--requests 5 --concurrency 2 --set load.api=tgi|load.api: 'tgi' is not one of [openai, openai-completions",
            "--requests 5 --concurrency 2 --set engine.parallel=2|engine.parallel: is not a setting of lem load",
            "--requests 5 --concurrency 2 --set workload.requests=6|--set: workload.requests is given by --requests too",
            "--requests 5|--concurrency: a run needs an arrival; fix: give --concurrency N (closed loop), --rate R",
            "--concurrency 2|--requests: a run needs a stop",
            "--requests 5 --concurrency 2 --burstiness 0.5|--burstiness: applies to open-loop runs only",
            "--requests 5 --concurrency 2 --max-concurrency 3|--max-concurrency: caps open-loop runs only",
            "--requests 5 --concurrency 2 --goodput itl:5|goodput: 'itl:5' is not METRIC:MS",
            "--requests 5 --rate 0|rate: must be > 0",
            "--requests 5 --concurrency 2 --warmup -1|--warmup-requests: -1 is out of range",
            "--duration 1 --concurrency 2 --cooldown 1|--cooldown-requests: counts requests, so it needs --requests N",
            "--requests 5 --concurrency 2 --prompts-format csv|--prompts-format: 'csv' is not one of [auto, text",
            "--requests 5 --concurrency 2 --sampling random|--sampling: 'random' is not one of [without-replacement",
            "--requests 5 --concurrency 2 --synthetic-output 8|--synthetic-output: needs --synthetic-input",
            "--requests 5 --concurrency 2 --inject tools=none.txt|--inject tools: no such file: none.txt",
            "--requests 5 --concurrency 2 --system-prompt none.txt|--system-prompt: no such file: none.txt",
            "--requests 5 --concurrency 2 --no-metrics --metrics-url http://127.0.0.1:1/metrics|--no-metrics: contradicts --metrics-url",
            "--requests 5 --concurrency 2 --metrics-interval 0|--metrics-interval: 0.0 is out of range",
            "--requests 5 --trace none.csv|--trace: no such file: none.csv",
            "--requests 5 --concurrency 2 --ca-file none.pem|--ca-file: 'none.pem' cannot be read; fix: give the PEM",
            "--requests 5 --concurrency 2 --timeout -1|--request-timeout: -1.0 is out of range; fix: give a number between 0.1"})
    void badValuesExitTwoWithOneLine(String flags, String message) throws Exception {
        List<String> args = base();
        args.addAll(List.of(flags.split(" ")));
        assertThat(lem(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).startsWith("load: ").contains(message);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }

    /** picocli's own parse errors: exit 2, the message first (Main's handler prints the usage after it). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--requests 5 --concurrency 2 --rate 3|mutually exclusive",
            "--requests 5 --concurrency 2 --trace t.csv|mutually exclusive",
            "--requests 5 --concurrency 2 --synthetic-input 8|mutually exclusive",
            "--requests 5 --concurrency 2 --endpoint|Missing required parameter for option '--endpoint'",
            "--requests five --concurrency 2|Invalid value for option '--requests'"})
    void badFlagsExitTwo(String flags, String message) throws Exception {
        List<String> args = base();
        args.addAll(List.of(flags.split(" ")));
        assertThat(lem(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow()).contains(message);
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }

    @Test
    void aMissingPromptsFileIsAUserError() {
        assertThat(lem("--endpoint", server.uri().toString(), "--model", "m", "--prompts", dir.resolve("none.txt").toString(),
                "--requests", "1", "--concurrency", "1", "--no-metrics", "--output", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("prompts: file not found: " + dir.resolve("none.txt"));
    }

    @Test
    void noPromptsAtAllIsAUserError() {
        assertThat(lem("--endpoint", server.uri().toString(), "--model", "m", "--requests", "1", "--concurrency", "1",
                "--output", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--prompts: no prompts given; fix: pass --prompts FILE or --synthetic-input");
    }

    @Test
    void jsonlPromptsApiKeyAndNoIgnoreEosReachTheServer() throws Exception {
        Path prompts = Files.writeString(dir.resolve("p.data"), """
                {"prompt": "what is a joule"}
                {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}], "output_tokens": 3}
                """);
        assertThat(lem("--endpoint", server.uri() + "/v1", "--model", "m", "--prompts", prompts.toString(),
                "--requests", "2", "--warmup", "0", "--concurrency", "1", "--sampling", "in-order", "--api-key", "sk-test",
                "--no-ignore-eos", "--no-metrics", "--output", dir.resolve("out").toString())).as(err.toString()).isZero();

        JsonNode body = Json.compact().readTree(server.lastBody.get());
        assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("be brief");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(3);
        assertThat(body.has("ignore_eos")).isFalse();
        assertThat(body.has("min_tokens")).isFalse();
        assertThat(server.lastAuthorization.get()).isEqualTo("Bearer sk-test");
        JsonNode summary = Json.compact().readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("prompts").get("format").asString()).isEqualTo("jsonl");
        assertThat(summary.get("prompts").get("sampling").asString()).isEqualTo("in-order");
        assertThat(summary.get("prompts").get("tokenizer").asString()).startsWith("none:");
        assertThat(summary.get("run").get("api_key_given").asBoolean()).isTrue();
        assertThat(summary.get("run").get("ignore_eos").asBoolean()).isFalse();
        assertThat(Files.readString(dir.resolve("out/summary.json"))).doesNotContain("sk-test");
        JsonNode row = Json.compact().readTree(Files.readAllLines(dir.resolve("out/requests.jsonl")).getFirst());
        assertThat(row.get("http_status").asInt()).isEqualTo(200);
        assertThat(row.get("reasoning_chunks").asInt()).isZero();
        assertThat(row.get("engine").isNull()).isTrue();
    }

    @Test
    void traceReplaySendsOneRequestPerRowAtItsOffset() throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.csv"), "timestamp_ms,output_tokens\n1000,4\n1050,5\n1100,\n1120,6\n");
        List<String> args = base();
        args.addAll(List.of("--trace", trace.toString(), "--no-metrics"));
        int before = server.requests.get();
        assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();

        assertThat(server.requests.get() - before).isEqualTo(4);
        JsonNode summary = Json.compact().readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("run").get("arrival").get("type").asString()).isEqualTo("trace");
        assertThat(summary.get("run").get("stop").get("requests").asInt()).isEqualTo(4);
        List<JsonNode> rows = Files.readAllLines(dir.resolve("out/requests.jsonl")).stream()
                .map(l -> Json.compact().readTree(l)).sorted(java.util.Comparator.comparingInt(r -> r.get("id").asInt())).toList();
        assertThat(rows).extracting(r -> r.get("scheduled_s").asDouble() - rows.getFirst().get("scheduled_s").asDouble())
                .satisfiesExactly(d -> assertThat(d).isZero(), d -> assertThat(d).isCloseTo(0.05, within(1e-6)),
                        d -> assertThat(d).isCloseTo(0.1, within(1e-6)), d -> assertThat(d).isCloseTo(0.12, within(1e-6)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "timestamp_s,input_tokens\\n0,5\\n0.1,6|--trace: gives input lengths, so its prompts are synthesized",
            "timestamp_s,input_tokens\\n0,5\\n0.1,|--trace: 1 of 2 rows lack input_tokens"})
    void traceLengthsAndPromptsDoNotMix(String trace, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("t.csv"), trace.replace("\\n", "\n"));
        List<String> args = base();
        args.addAll(List.of("--trace", file.toString()));
        assertThat(lem(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void anEndpointWithoutMetricsIsAWarningNotAFailure() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--requests", "2", "--concurrency", "1"));
        assertThat(lem(args.toArray(String[]::new))).isZero();
        assertThat(err.toString()).contains("lem load: warning: no engine metrics from " + server.uri() + "/metrics (HTTP 404");
        JsonNode engine = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("engine_metrics");
        assertThat(engine.get("enabled").asBoolean()).isFalse();
        assertThat(dir.resolve("out/engine_metrics.csv")).doesNotExist();
    }

    @Test
    void anUnreachableMetricsUrlIsAWarningToo() throws Exception {
        List<String> args = base();
        args.addAll(List.of("--requests", "2", "--concurrency", "1", "--warmup", "0", "--metrics-url",
                "http://127.0.0.1:1/metrics"));
        assertThat(lem(args.toArray(String[]::new))).isZero();
        assertThat(err.toString()).contains("warning: no engine metrics from http://127.0.0.1:1/metrics")
                .doesNotContain("--no-metrics");
        assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(2);
    }

    @Test
    void engineMetricsAreScrapedIntoATimeSeries() throws Exception {
        try (VllmMetricsServer metrics = new VllmMetricsServer()) {
            List<String> args = base();
            args.addAll(List.of("--duration", "0.5", "--rate", "40", "--metrics-url", metrics.uri().toString(),
                    "--metrics-interval", "0.05"));
            assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isZero();

            List<String> csv = Files.readAllLines(dir.resolve("out/engine_metrics.csv"));
            assertThat(csv.getFirst()).isEqualTo("time_s,series,value");
            String running = "\"vllm:num_requests_running{model_name=\"\"Qwen/Qwen3-0.6B\"\"}\"";
            List<double[]> series = csv.stream().filter(l -> l.contains(running)).map(l -> new double[] {
                    Double.parseDouble(l.substring(0, l.indexOf(','))), Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))})
                    .toList();
            assertThat(series).hasSizeGreaterThanOrEqualTo(3);
            assertThat(series).isSortedAccordingTo(java.util.Comparator.comparingDouble(v -> v[0]));
            assertThat(series.stream().mapToDouble(v -> v[1]).distinct().count()).isEqualTo(series.size());
            assertThat(csv).anyMatch(l -> l.contains("vllm:gpu_cache_usage_perc"))
                    .anyMatch(l -> l.contains("vllm:prompt_tokens_total")).noneMatch(l -> l.contains("_bucket"));

            JsonNode engine = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("engine_metrics");
            assertThat(engine.get("enabled").asBoolean()).isTrue();
            // the probe before the run is one more scrape, kept out of the series; a scrape still in flight when the
            // run ends reaches the server but not the series
            assertThat(engine.get("scrapes").asInt()).isEqualTo(series.size());
            assertThat(metrics.scrapes.get() - 1).isBetween(series.size(), series.size() + 1);
            assertThat(engine.get("failed_scrapes").asInt()).isZero();
            JsonNode digest = engine.get("series").get("vllm:num_requests_running{model_name=\"Qwen/Qwen3-0.6B\"}");
            assertThat(digest.get("max").asDouble()).isGreaterThan(digest.get("min").asDouble());
            assertThat(digest.get("last").asDouble()).isEqualTo(digest.get("max").asDouble());
        }
    }

    @Test
    void nothingAnsweringAtTheEndpointIsOneLineAndExitOne() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again below: nothing listens there
        }
        List<String> args = base();
        String endpoint = "http://127.0.0.1:" + port + "/";
        args.set(args.indexOf(server.uri().toString()), endpoint);
        args.addAll(List.of("--requests", "20", "--concurrency", "2"));

        assertThat(lem(args.toArray(String[]::new))).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("lem load: nothing answers at " + endpoint
                + " (connection refused); start the server or fix --endpoint");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void everyMeasuredRequestFailingIsExitOneWithTheResultsWritten() throws Exception {
        com.sun.net.httpserver.HttpServer failing = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/v1/chat/completions", exchange -> {
            byte[] body = "{\"error\":\"model not loaded\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            List<String> args = base();
            args.set(args.indexOf(server.uri().toString()), "http://127.0.0.1:" + failing.getAddress().getPort());
            args.addAll(List.of("--requests", "5", "--concurrency", "2", "--warmup", "1", "--no-metrics"));

            assertThat(lem(args.toArray(String[]::new))).as(err.toString()).isEqualTo(1);
            assertThat(err.toString()).contains("lem load: every one of the 5 measured requests failed (first: "
                    + "http_error, HTTP 500: {\"error\":\"model not loaded\"})");
            assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(6);
            JsonNode metrics = Json.compact().readTree(dir.resolve("out/summary.json").toFile()).get("metrics");
            assertThat(metrics.get("requests_failed").asInt()).isEqualTo(5);
        } finally {
            failing.stop(0);
        }
    }
}
