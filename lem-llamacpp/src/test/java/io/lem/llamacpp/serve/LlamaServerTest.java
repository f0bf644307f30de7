package io.lem.llamacpp.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real engine with the tiny synthetic model, over real HTTP on loopback. */
class LlamaServerTest {
    private static final String CHAT = """
            {"model":"tiny","messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":"How much energy does a token take?"}],
             "max_tokens":12,"ignore_eos":true,"seed":7,"temperature":0.8%s}""";

    @TempDir
    static Path dir;
    static LlamaServer server;
    static Client client;

    @BeforeAll
    static void startServer() throws Exception {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 42, dir.resolve("tiny.gguf"));
        server = LlamaServer.start(ServeOptions.defaults(model).withPort(0).withThreads(1).withParallel(2)
                .withCtxPerSlot(256));
        server.loadModel();
        client = new Client(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void streamedChatConcatenatesToTheNonStreamedTextWithExactUsage() throws Exception {
        JsonNode whole = client.postJson("/v1/chat/completions", CHAT.formatted(""));
        HttpResponse<String> streamed = client.post("/v1/chat/completions",
                CHAT.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertThat(streamed.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = Client.sseEvents(streamed.body());

        String text = events.stream().flatMap(e -> e.path("choices").valueStream())
                .map(c -> c.path("delta").path("content").asString("")).collect(Collectors.joining());
        assertThat(text).isEqualTo(whole.at("/choices/0/message/content").asString());
        assertThat(whole.path("object").asString()).isEqualTo("chat.completion");
        assertThat(whole.at("/choices/0/finish_reason").asString()).isEqualTo("length");

        String prompt = expectedChatPrompt();
        int promptTokens = client.postJson("/tokenize", "{\"content\":" + Client.JSON.writeValueAsString(prompt) + "}")
                .path("tokens").size() + 1;
        assertThat(whole.at("/usage/prompt_tokens").asInt()).isEqualTo(promptTokens);
        assertThat(whole.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(whole.at("/usage/total_tokens").asInt()).isEqualTo(promptTokens + 12);

        JsonNode usageChunk = events.getLast();
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage")).isEqualTo(whole.path("usage"));
        long contentChunks = events.stream().filter(e -> e.at("/choices/0/delta/content").isString()
                && !e.at("/choices/0/delta/content").asString().isEmpty()).count();
        assertThat(contentChunks).isEqualTo(12);
        assertThat(events.get(events.size() - 2).at("/choices/0/finish_reason").asString()).isEqualTo("length");
        assertThat(events.getFirst().path("object").asString()).isEqualTo("chat.completion.chunk");
    }

    private static String expectedChatPrompt() {
        return "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHow much energy does a token take?<|im_end|>\n"
                + "<|im_start|>assistant\n";
    }

    @Test
    void completionsCountPromptAndCompletionTokens() throws Exception {
        String prompt = "The energy of inference is";
        JsonNode r = client.postJson("/v1/completions", """
                {"prompt":"%s","max_tokens":20,"ignore_eos":true,"seed":1}""".formatted(prompt));
        int encoded = client.postJson("/tokenize", "{\"content\":\"" + prompt + "\"}").path("tokens").size();
        assertThat(r.at("/usage/prompt_tokens").asInt()).isEqualTo(encoded + 1);
        assertThat(r.at("/usage/completion_tokens").asInt()).isEqualTo(20);
        assertThat(r.at("/choices/0/text").asString()).isNotEmpty();
        assertThat(r.path("object").asString()).isEqualTo("text_completion");
    }

    @Test
    void ollamaStreamEndsWithConsistentDurations() throws Exception {
        HttpResponse<String> r = client.post("/api/chat", """
                {"model":"tiny","messages":[{"role":"user","content":"hi"}],
                 "options":{"num_predict":9,"seed":3,"temperature":0.5,"ignore_eos":true}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> lines = Client.ndjson(r.body());
        JsonNode done = lines.getLast();
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(lines.subList(0, lines.size() - 1)).hasSize(9).allMatch(l -> !l.path("done").asBoolean());
        assertThat(done.path("eval_count").asInt()).isEqualTo(9);
        assertThat(done.path("done_reason").asString()).isEqualTo("length");
        long total = done.path("total_duration").asLong();
        long eval = done.path("eval_duration").asLong();
        long promptEval = done.path("prompt_eval_duration").asLong();
        long load = done.path("load_duration").asLong();
        assertThat(eval).isPositive().isLessThanOrEqualTo(total);
        assertThat(promptEval).isPositive();
        assertThat(load + promptEval + eval).isLessThanOrEqualTo(total);
        assertThat(done.path("prompt_eval_count").asInt()).isPositive();

        JsonNode generated = client.postJson("/api/generate", """
                {"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":5,"ignore_eos":true}}""");
        assertThat(generated.path("eval_count").asInt()).isEqualTo(5);
        assertThat(generated.path("response").asString()).isNotEmpty();
        assertThat(generated.path("prompt_eval_count").asInt()).isEqualTo(done.path("prompt_eval_count").asInt());
    }

    @Test
    void concurrentRequestsOverlapInParallelSlots() throws Exception {
        String body = """
                {"prompt":"parallel slots","max_tokens":200,"ignore_eos":true,"stream":true}""";
        CompletableFuture<Timed> a = CompletableFuture.supplyAsync(() -> stream(body));
        CompletableFuture<Timed> b = CompletableFuture.supplyAsync(() -> stream(body));
        Timed first = a.join();
        Timed second = b.join();
        for (Timed t : List.of(first, second)) {
            long tokens = t.events().stream().filter(e -> !e.at("/choices/0/text").asString("").isEmpty()).count();
            assertThat(tokens).isEqualTo(200);
        }
        // Each stream's first token came before the other's last: the two generations ran at the same time.
        assertThat(first.firstTokenNs()).isLessThan(second.lastTokenNs());
        assertThat(second.firstTokenNs()).isLessThan(first.lastTokenNs());
    }

    private record Timed(List<JsonNode> events, long firstTokenNs, long lastTokenNs) {}

    private static Timed stream(String body) {
        try {
            HttpResponse<java.util.stream.Stream<String>> r = client.postLines("/v1/completions", body);
            assertThat(r.statusCode()).isEqualTo(200);
            List<JsonNode> events = new java.util.ArrayList<>();
            long firstNs = 0;
            long lastNs = 0;
            for (String line : (Iterable<String>) r.body()::iterator) {
                if (line.startsWith("data: {")) {
                    lastNs = System.nanoTime();
                    firstNs = firstNs == 0 ? lastNs : firstNs;
                    events.add(Client.JSON.readTree(line.substring(6)));
                }
            }
            return new Timed(events, firstNs, lastNs);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badRequestsGetOpenAiErrors() throws Exception {
        assertError(client.post("/v1/chat/completions", "{not json"), 400, null);
        assertError(client.post("/v1/chat/completions", "{\"model\":\"tiny\"}"), 400, "messages");
        assertError(client.post("/v1/completions", "{\"max_tokens\":3}"), 400, "prompt");
        assertError(client.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":-1}"), 400, "max_tokens");
        assertError(client.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":100000}"), 400, "max_tokens");
        assertError(client.get("/v1/nothing"), 404, null);
        HttpResponse<String> ollama = client.post("/api/generate", "{}");
        assertThat(ollama.statusCode()).isEqualTo(400);
        assertThat(Client.JSON.readTree(ollama.body()).path("error").isString()).isTrue();
    }

    private static void assertError(HttpResponse<String> r, int status, String param) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = Client.JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("type").asString()).isNotBlank();
        assertThat(error.has("code")).isTrue();
        if (param != null) {
            assertThat(error.path("param").asString()).isEqualTo(param);
        }
    }

    @Test
    void modelsTagsAndTokenize() throws Exception {
        assertThat(Client.JSON.readTree(client.get("/v1/models").body()).at("/data/0/id").asString())
                .isEqualTo("tiny");
        assertThat(Client.JSON.readTree(client.get("/api/tags").body()).at("/models/0/details/quantization_level")
                .asString()).isEqualTo("F16");
        JsonNode tokens = client.postJson("/tokenize", "{\"content\":\"Hello wörld\",\"add_special\":true}");
        assertThat(tokens.path("tokens").get(0).asInt()).isEqualTo(1);
        assertThat(tokens.path("tokens").size()).isGreaterThan(2);
    }
}
