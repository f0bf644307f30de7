package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.client.ClientOptions;
import io.lem.engine.EngineTokenizer;
import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.serve.LlamaServer;
import io.lem.llamacpp.serve.ServeOptions;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import io.lem.load.prompts.SyntheticPrompts;
import io.lem.load.prompts.LengthDistribution;
import io.lem.load.prompts.Prompt;
import io.lem.load.prompts.SyntheticSource;
import io.lem.result.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code lem load} against the real engine (lem serve, tiny synthetic model): exact token counts end to end. */
class LoadAgainstLemServeTest {

    private static final int SEED = 42;

    @TempDir
    static Path shared;
    static LlamaServer server;
    static EngineTokenizer tokenizer;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startServer() throws Exception {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, shared.resolve("tiny.gguf"));
        server = LlamaServer.start(ServeOptions.defaults(model).withPort(0).withThreads(1).withParallel(2)
                .withCtxPerSlot(256));
        server.loadModel();
        ClientOptions options = ClientOptions.of(server.baseUri(), server.modelName(), Duration.ofSeconds(30));
        tokenizer = new EngineTokenizer(HttpClient.newHttpClient(), options.endpoint("/tokenize"), options.model(),
                null, options.timeout()).probe();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private List<JsonNode> lem(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--endpoint", server.baseUri().toString(), "--model",
                server.modelName(), "--no-metrics", "--output", dir.toString()));
        args.addAll(List.of(flags));
        CommandLine cli = new CommandLine(new LoadCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        List<JsonNode> rows = Files.readAllLines(dir.resolve("requests.jsonl")).stream()
                .map(l -> Json.compact().readTree(l)).sorted(Comparator.comparingInt(r -> r.get("id").asInt())).toList();
        assertThat(rows).allSatisfy(r -> assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("ok"));
        return rows;
    }

    private JsonNode summary() {
        return Json.compact().readTree(dir.resolve("summary.json").toFile());
    }

    /** lem serve's usage: its tokenizer over the chat template, plus BOS. */
    private static int promptTokens(String system, String user) throws Exception {
        String templated = (system == null ? "" : "<|im_start|>system\n" + system + "<|im_end|>\n")
                + "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n";
        return tokenizer.count(templated) + 1;
    }

    @Test
    void syntheticPromptsOverOpenAiHaveExactlyTheAskedLengths() throws Exception {
        List<JsonNode> rows = lem("--api", "openai", "--synthetic-input", "12", "--max-tokens", "5", "--requests", "4",
                "--warmup", "0", "--concurrency", "2");

        List<Prompt> prompts = new SyntheticSource(new LengthDistribution.Fixed(12), new LengthDistribution.Fixed(5),
                tokenizer).take(4, SEED);
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            String text = prompts.get(row.get("id").asInt()).text();
            // whole words fitted to the byte-fallback vocabulary: the longest prefix within the target
            assertThat(tokenizer.count(text)).isBetween(1, 12);
            assertThat(row.get("prompt_tokens").asInt()).isEqualTo(promptTokens(null, text));
            assertThat(row.get("completion_tokens").asInt()).isEqualTo(5);
            assertThat(row.get("chunk_ms")).hasSize(5);
            assertThat(row.get("http_status").asInt()).isEqualTo(200);
            assertThat(row.get("send_s").asDouble()).isLessThan(row.get("first_token_s").asDouble());
            assertThat(row.get("first_token_s").asDouble()).isLessThanOrEqualTo(row.get("end_s").asDouble());
        }
        JsonNode summary = summary();
        assertThat(summary.get("prompts").get("tokenizer").asString()).isEqualTo("engine /tokenize");
        assertThat(summary.get("metrics").get("output_tokens").asInt()).isEqualTo(20);
        assertThat(summary.get("metrics").get("error_rate").asDouble()).isZero();
    }

    @Test
    void metersOnThisMachineGiveAnEnergySectionThatVerifiesAgainstTheRawFiles() throws Exception {
        // this JVM runs lem serve: its process tree is the engine, so the process meter measures E_llm
        String pid = Long.toString(ProcessHandle.current().pid());
        lem("--synthetic-input", "12", "--max-tokens", "6", "--requests", "7", "--concurrency", "2", "--warmup", "1",
                "--meters", "host-estimate,process", "--engine-pid", pid, "--baseline", "0.5", "--sample-rate", "50");

        JsonNode summary = summary();
        JsonNode energy = summary.get("energy");
        assertThat(energy.get("llm_domain_ids")).as(energy.toString()).hasSize(1);
        assertThat(energy.get("window").get("duration_s").asDouble()).isPositive();
        assertThat(energy.get("baseline_window").get("duration_s").asDouble()).isGreaterThanOrEqualTo(0.5);
        JsonNode verification = summary.get("verification");
        assertThat(verification.get("passed").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("figures_checked").asInt()).isGreaterThan(40);
        assertThat(err.toString()).contains("lem load: verification: passed");

        RunCommandTest.Run verify = RunCommandTest.lem("verify", dir.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).containsPattern("(?m)^energy\\.llm_energy_j ").contains("verdict: PASS");
    }

    @Test
    void shareGptOverOllamaWithTheEnergyLabComposition() throws Exception {
        Path sharegpt = dir.resolve("sharegpt.json");
        try (var in = getClass().getResourceAsStream("sharegpt_4_short__mlenergy.json")) {
            Files.copy(in, sharegpt);
        }
        // short: the byte-level tiny model spends about a token per character, and the engine's 512-token KV
        // cache is shared by both slots
        String system = "Be exact.";
        String tools = "Tool: calc(x).";
        String context = "user: hi\nassistant: hello";
        List<JsonNode> rows = lem("--api", "ollama", "--prompts", sharegpt.toString(), "--max-tokens", "4",
                "--requests", "4", "--warmup", "0", "--concurrency", "2",
                "--system-prompt", Files.writeString(dir.resolve("system.txt"), system + "\n").toString(),
                "--inject", "tools=" + Files.writeString(dir.resolve("tools.txt"), tools).toString(),
                "--context", Files.writeString(dir.resolve("context.txt"), context).toString());

        String wrapped = "<conversation_context>\n" + context + "\n</conversation_context>";
        List<String> queries = List.of("Suggest subchapters for chapter 5", "tell me full electric circuit",
                "Tell me Top20 cloud company in Korea", "Definition of Computer Networks");
        List<Integer> expected = new ArrayList<>();
        for (String q : queries) {
            expected.add(promptTokens(system + "\n\n" + tools, wrapped + "\n\n" + q));
        }
        assertThat(rows).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("completion_tokens").asInt()).isEqualTo(4);
            assertThat(row.get("engine").get("eval_count").asInt()).isEqualTo(4);
            assertThat(row.get("engine").get("prompt_eval_count").asInt()).isEqualTo(row.get("prompt_tokens").asInt());
            assertThat(row.get("engine").get("eval_duration_ms").asDouble()).isPositive();
        });
        // without replacement: each of the four prompts once
        assertThat(rows).extracting(r -> r.get("prompt_tokens").asInt()).containsExactlyInAnyOrderElementsOf(expected);

        JsonNode prompts = summary().get("prompts");
        assertThat(prompts.get("format").asString()).isEqualTo("sharegpt");
        assertThat(prompts.get("distinct_prompts").asInt()).isEqualTo(4);
        JsonNode composition = prompts.get("composition");
        Map<String, Integer> tokens = Map.of("system_prompt", tokenizer.count(system), "block:tools",
                tokenizer.count(tools), "conversation_context", tokenizer.count(wrapped));
        assertThat(composition.get("parts")).hasSize(3).allSatisfy(p -> {
            assertThat(p.get("tokens").asInt()).isEqualTo(tokens.get(p.get("part").asString()));
        });
        assertThat(composition.get("injected_tokens").asInt()).isEqualTo(tokens.values().stream().mapToInt(i -> i).sum());
        assertThat(composition.get("injected_chars").asInt()).isEqualTo(system.length() + tools.length() + wrapped.length());
        assertThat(composition.get("user_query_chars_mean").asDouble())
                .isEqualTo(queries.stream().mapToInt(String::length).average().orElseThrow());
    }

    @Test
    void aTraceWithLengthsIsReplayedWithThoseLengths() throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.jsonl"), """
                {"timestamp_s": 10.0, "input_tokens": 8, "output_tokens": 3}
                {"timestamp_s": 10.05, "input_tokens": 20, "output_tokens": 6}
                {"timestamp_s": 10.1, "input_tokens": 14, "output_tokens": 2}
                """);
        List<JsonNode> rows = lem("--api", "openai-completions", "--trace", trace.toString());

        assertThat(rows).extracting(r -> r.get("completion_tokens").asInt()).containsExactly(3, 6, 2);
        List<String> texts = SyntheticPrompts.generate(new int[] {8, 20, 14}, new SplittableRandom(SEED), tokenizer);
        List<Integer> expected = new ArrayList<>();
        for (String text : texts) {
            expected.add(tokenizer.count(text) + 1); // a raw completion's prompt is the text plus BOS
        }
        assertThat(rows).extracting(r -> r.get("prompt_tokens").asInt()).containsExactlyElementsOf(expected);
        assertThat(expected).satisfiesExactly(n -> assertThat(n).isBetween(2, 9), n -> assertThat(n).isBetween(2, 21),
                n -> assertThat(n).isBetween(2, 15));
        assertThat(summary().get("prompts").get("source").asString()).isEqualTo("trace");
    }
}
