package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lem.time.Clock;
import org.junit.jupiter.api.Test;

/** Every client against real recorded responses, replayed event by event by a loopback server. */
class StreamFixturesTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = StreamFixturesTest.class.getResourceAsStream("/fixtures/streams/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static RequestRecord send(String api, boolean stream, ScriptedServer.Script script) throws IOException {
        try (ScriptedServer server = new ScriptedServer(script)) {
            ClientOptions options = new ClientOptions(server.baseUrl(), "m", null, Duration.ofSeconds(5), stream, false);
            return Clients.create(api, options, Clock.system()).send(new PromptRequest(3, false, "hello", 64, 1));
        }
    }

    private static int matches(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The chunk times are the chunks, in arrival order, and the marks lie inside the request. */
    private static void assertTimeline(RequestRecord r) {
        assertThat(r.chunkTimesNs()).hasSize(r.chunks());
        assertThat(r.chunkTimesNs()).isSorted();
        assertThat(r.firstTokenNs()).isEqualTo(r.chunkTimesNs()[0]);
        assertThat(r.sendNs()).isLessThan(r.firstTokenNs());
        assertThat(r.chunkTimesNs()[r.chunks() - 1]).isLessThanOrEqualTo(r.endNs());
        assertThat(r.itlMs()).hasSize(r.chunks() - 1);
        assertThat(java.util.Arrays.stream(r.itlMs()).min().orElse(0)).isNotNegative();
    }

    @Test
    void openAiSseWithUsageChunk() throws IOException {
        String body = fixture("openai_gpt-4o-mini_chat_stream_include_usage__pydantic-ai_cassette_interaction_2.sse");
        RequestRecord r = send("openai", true, ScriptedServer.replay("text/event-stream", body));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.id()).isEqualTo(3);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.promptTokens()).isEqualTo(78);
        assertThat(r.completionTokens()).isEqualTo(9);
        assertThat(r.tokensApproximate()).isFalse();
        assertThat(r.chunks()).isEqualTo(matches("\"delta\":\\{[^}]*\"content\":\"[^\"]+\"", body)).isPositive();
        assertThat(r.reasoningChunks()).isZero();
        assertThat(r.engineTimings()).isNull();
        assertTimeline(r);
    }

    @Test
    void deepSeekUsageRidingOnTheLastContentChunk() throws IOException {
        String lines = fixture("deepseek-chat_stream_chunks_usage_in_final_chunk__langchain_test_literal.jsonl");
        StringBuilder sse = new StringBuilder();
        lines.lines().filter(l -> !l.isBlank()).forEach(l -> sse.append("data: ").append(l).append("\n\n"));
        RequestRecord r = send("openai", true, ScriptedServer.replay("text/event-stream", sse.toString()));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.promptTokens()).isEqualTo(11);
        assertThat(r.completionTokens()).isEqualTo(15);
        assertThat(r.chunks()).isEqualTo(matches("\"content\":\"[^\"]+\"", lines));
        assertTimeline(r);
    }

    @Test
    void vllmNonStreamingResponseGivesCountsButNoTimeline() throws IOException {
        String body = fixture("vllm_0.9.2_chat_completion_nonstreaming_qwen3-0.6b__zerohertz_meetup.json");
        RequestRecord r = send("openai", false, ScriptedServer.replay("application/json", body));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.promptTokens()).isEqualTo(14);
        assertThat(r.completionTokens()).isEqualTo(167);
        assertThat(r.tokensApproximate()).isFalse();
        assertThat(r.chunks()).isZero();
        assertThat(r.firstTokenNs()).isEqualTo(-1);
        assertThat(r.ttftMs()).isNaN();
    }

    @Test
    void ollamaGenerateStreamFromSmollm2KeepsTheEngineDurations() throws IOException {
        String body = fixture("ollama_api_generate_stream_smollm2-360m__ollama-bash-lib_demo.ndjson");
        RequestRecord r = send("ollama-generate", true, ScriptedServer.replay("application/x-ndjson", body));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.chunks()).isEqualTo(matches("\"response\":\"[^\"]", body)).isEqualTo(49);
        assertThat(r.promptTokens()).isEqualTo(38);
        assertThat(r.completionTokens()).isEqualTo(50);
        assertThat(r.tokensApproximate()).isFalse();
        assertThat(r.engineTimings()).isEqualTo(new EngineTimings(38, 50, 99_971_125L, 600_648_375L, 861_908_333L,
                1_563_572_250L));
        assertThat(r.engineTimings().activeNs()).isEqualTo(99_971_125L + 600_648_375L);
        assertTimeline(r);
    }

    @Test
    void ollamaDocsExamplesForChatAndGenerate() throws IOException {
        RequestRecord chat = send("ollama", true, ScriptedServer.replay("application/x-ndjson",
                fixture("ollama_docs_api_chat_stream_example.ndjson")));
        assertThat(chat.status()).isEqualTo(RequestStatus.OK);
        assertThat(chat.chunks()).isEqualTo(1);
        assertThat(chat.engineTimings()).isEqualTo(new EngineTimings(26, 282, 342_546_000L, 4_535_599_000L,
                1_334_875L, 4_883_583_458L));

        RequestRecord generate = send("ollama-generate", true, ScriptedServer.replay("application/x-ndjson",
                fixture("ollama_docs_api_generate_stream_example.ndjson")));
        assertThat(generate.status()).isEqualTo(RequestStatus.OK);
        assertThat(generate.completionTokens()).isEqualTo(259);
        assertThat(generate.engineTimings().totalDurationNs()).isEqualTo(10_706_818_083L);
        assertThat(generate.engineTimings().loadDurationNs()).isEqualTo(6_338_219_291L);
    }

    @Test
    void ollamaNonStreamingIsTheClosingObjectAlone() throws IOException {
        String last = fixture("ollama_docs_api_generate_stream_example.ndjson").lines().toList().getLast();
        RequestRecord r = send("ollama-generate", false, ScriptedServer.replay("application/json", last));

        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.promptTokens()).isEqualTo(26);
        assertThat(r.completionTokens()).isEqualTo(259);
        assertThat(r.chunks()).isZero();
    }
}
