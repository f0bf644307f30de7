package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lem.client.ChatMessage;
import io.lem.client.ClientOptions;
import io.lem.client.Clients;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.serve.LlamaServer;
import io.lem.llamacpp.serve.ServeOptions;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import io.lem.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Every client against the real engine (lem serve, tiny synthetic model) over loopback HTTP. */
class ClientsAgainstLemServeTest {

    private static final int MAX_TOKENS = 10;
    private static final String SYSTEM = "Be brief.";
    private static final String QUERY = "How much energy does a token take?";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    static LlamaServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, dir.resolve("tiny.gguf"));
        server = LlamaServer.start(ServeOptions.defaults(model).withPort(0).withThreads(1).withParallel(2)
                .withCtxPerSlot(256));
        server.loadModel();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** The engine's own count: its tokenizer plus BOS, as lem serve reports usage. */
    private static int tokens(String text) throws Exception {
        String body = JsonMapper.builder().build().writeValueAsString(java.util.Map.of("content", text));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/tokenize"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body()).path("tokens").size() + 1;
    }

    private static String chatTemplate(String system, String user) {
        return "<|im_start|>system\n" + system + "<|im_end|>\n<|im_start|>user\n" + user + "<|im_end|>\n"
                + "<|im_start|>assistant\n";
    }

    private static RequestRecord send(String api, boolean stream, String apiKey) {
        ClientOptions options = new ClientOptions(server.baseUri(), server.modelName(), apiKey, Duration.ofSeconds(60),
                stream, true);
        PromptRequest request = new PromptRequest(4, false, QUERY, MAX_TOKENS, 7,
                List.of(ChatMessage.system(SYSTEM), ChatMessage.user(QUERY)), 0);
        return Clients.create(api, options, Clock.system()).send(request);
    }

    @ParameterizedTest
    @CsvSource({"openai, true", "openai, false", "openai-completions, true", "openai-completions, false",
            "ollama, true", "ollama, false", "ollama-generate, true", "ollama-generate, false"})
    void exactTokenCountsAndOrderedMarks(String api, boolean stream) throws Exception {
        RequestRecord r = send(api, stream, "sk-ignored");

        assertThat(r.status()).as(r.error()).isEqualTo(RequestStatus.OK);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.completionTokens()).isEqualTo(MAX_TOKENS);
        assertThat(r.tokensApproximate()).isFalse();
        String prompt = api.equals("openai-completions") ? SYSTEM + "\n\n" + QUERY : chatTemplate(SYSTEM, QUERY);
        assertThat(r.promptTokens()).isEqualTo(tokens(prompt));
        if (stream) {
            assertThat(r.chunks()).isEqualTo(MAX_TOKENS);
            assertThat(r.chunkTimesNs()).hasSize(MAX_TOKENS).isSorted();
            assertThat(r.sendNs()).isLessThan(r.firstTokenNs());
            assertThat(r.firstTokenNs()).isEqualTo(r.chunkTimesNs()[0]).isLessThanOrEqualTo(r.endNs());
            assertThat(r.chunkTimesNs()[MAX_TOKENS - 1]).isLessThanOrEqualTo(r.endNs());
            assertThat(r.itlMs()).hasSize(MAX_TOKENS - 1);
        } else {
            assertThat(r.chunks()).isZero();
            assertThat(r.firstTokenNs()).isEqualTo(-1);
        }
        if (api.startsWith("ollama")) {
            assertThat(r.engineTimings().promptEvalCount()).isEqualTo(r.promptTokens());
            assertThat(r.engineTimings().evalCount()).isEqualTo(MAX_TOKENS);
            assertThat(r.engineTimings().promptEvalDurationNs()).isPositive();
            assertThat(r.engineTimings().evalDurationNs()).isPositive();
            assertThat(r.engineTimings().loadDurationNs()).isNotNegative();
            assertThat(r.engineTimings().totalDurationNs()).isGreaterThanOrEqualTo(r.engineTimings().activeNs())
                    .isLessThanOrEqualTo(r.endNs() - r.sendNs());
        } else {
            assertThat(r.engineTimings()).isNull();
        }
    }

    @Test
    void engineErrorsArriveAsHttpErrorRecords() {
        ClientOptions options = new ClientOptions(server.baseUri(), server.modelName(), null, Duration.ofSeconds(60),
                true, true);
        String tooLong = "energy ".repeat(400); // beyond the 256-token slot
        RequestRecord r = Clients.create("openai", options, Clock.system())
                .send(new PromptRequest(0, false, tooLong, MAX_TOKENS, 1));
        assertThat(r.status()).isEqualTo(RequestStatus.HTTP_ERROR);
        assertThat(r.httpStatus()).isEqualTo(400);
        assertThat(r.error()).startsWith("HTTP 400:").contains("each slot holds 256");
    }

    @Test
    void wrongPathIsA404WithTheServersExplanation() {
        ClientOptions options = new ClientOptions(URI.create(server.baseUri() + "/nothing-here"), server.modelName(),
                null, Duration.ofSeconds(60), true, true);
        RequestRecord r = Clients.create("ollama", options, Clock.system())
                .send(new PromptRequest(0, false, QUERY, MAX_TOKENS, 1));
        assertThat(r.status()).isEqualTo(RequestStatus.HTTP_ERROR);
        assertThat(r.httpStatus()).isEqualTo(404);
        assertThat(r.error()).contains("/api/chat");
    }
}
