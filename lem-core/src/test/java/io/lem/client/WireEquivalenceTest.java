package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadGenerator;
import io.lem.load.LoadRecord;
import io.lem.load.LoadRun;
import io.lem.load.LoadShape;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.Loads;
import io.lem.load.Progress;
import io.lem.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The event-loop engine ({@link WireProtocol} on {@link Loads}) and the JDK HttpClient path read the same bytes
 * into the same record: the same scripted faults and the real captured streams go to both, and status, token
 * counts, chunk counts and error texts must agree.
 */
class WireEquivalenceTest {

    /** For the faults that stall: short, so that the test waits little for the timeout they must give. */
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    /** For everything else: long enough that a loaded machine never turns an answer into a timeout. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final PromptRequest REQUEST = new PromptRequest(3, false, "hello", 64, 1);

    /** One request through the event loop. */
    static RequestRecord viaEngine(String api, ClientOptions options) throws InterruptedException {
        Clock clock = Clock.system();
        LoadTarget target = new LoadTarget(api, options);
        LoadRun run = Loads.run(target, new ArrivalProcess.Closed(1), LoadShape.stopAfter(new Extent.Requests(1)),
                null, a -> REQUEST, clock, r -> { }, Progress.Listener.NONE, new LoadStop());
        assertThat(run.generator().engine()).isEqualTo(LoadGenerator.EVENT_LOOP);
        List<LoadRecord> records = run.records();
        assertThat(records).hasSize(1);
        return records.getFirst().request();
    }

    private static RequestRecord[] both(String api, boolean stream, ScriptedServer.Script script) throws Exception {
        return both(api, stream, script, ANSWER_TIMEOUT);
    }

    private static RequestRecord[] both(String api, boolean stream, ScriptedServer.Script script, Duration timeout)
            throws Exception {
        try (ScriptedServer server = new ScriptedServer(script)) {
            ClientOptions options = new ClientOptions(server.baseUrl(), "m", null, timeout, stream, false);
            RequestRecord old = Clients.create(api, options, Clock.system()).send(REQUEST);
            return new RequestRecord[] {old, viaEngine(api, options)};
        }
    }

    private static void assertSame(RequestRecord old, RequestRecord engine, String what) {
        assertThat(engine.status()).as(what + ": " + engine.error() + " vs " + old.error()).isEqualTo(old.status());
        assertThat(engine.httpStatus()).as(what).isEqualTo(old.httpStatus());
        assertThat(engine.promptTokens()).as(what).isEqualTo(old.promptTokens());
        assertThat(engine.completionTokens()).as(what).isEqualTo(old.completionTokens());
        assertThat(engine.tokensApproximate()).as(what).isEqualTo(old.tokensApproximate());
        assertThat(engine.chunks()).as(what).isEqualTo(old.chunks());
        assertThat(engine.reasoningChunks()).as(what).isEqualTo(old.reasoningChunks());
        assertThat(engine.engineTimings()).as(what).isEqualTo(old.engineTimings());
        assertThat(engine.chunkTimesNs()).as(what).hasSize(engine.chunks()).isSorted();
        assertThat(engine.id()).isEqualTo(old.id());
        assertThat(engine.endNs()).isGreaterThanOrEqualTo(engine.sendNs());
        if (engine.chunks() > 0) {
            assertThat(engine.firstTokenNs()).isEqualTo(engine.chunkTimesNs()[0]).isGreaterThan(engine.sendNs());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyFaultGivesTheSameRecordOnBothPaths(Wire wire) throws Exception {
        for (FaultsTest.Fault fault : FaultsTest.Fault.values()) {
            RequestRecord[] r = both(wire.api, true, fault.script.apply(wire),
                    fault.status == RequestStatus.TIMEOUT ? TIMEOUT : ANSWER_TIMEOUT);
            RequestRecord old = r[0];
            RequestRecord engine = r[1];
            assertThat(engine.status()).as(wire + " " + fault + ": " + engine.error()).isEqualTo(fault.status);
            if (fault == FaultsTest.Fault.ABRUPT_CLOSE_MID_CHUNKED_STREAM) {
                // the JDK may drop chunks already buffered when the reset arrives; the event loop keeps them
                assertThat(engine.chunks()).isEqualTo(fault.chunks);
                assertThat(engine.status()).isEqualTo(old.status());
                continue;
            }
            assertSame(old, engine, wire + " " + fault);
            if (fault != FaultsTest.Fault.NOT_HTTP) {
                assertThat(engine.error()).as(wire + " " + fault).isEqualTo(old.error());
            }
        }
    }

    @Test
    void connectionRefusedNamesTheEndpointLikeTheOldClient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ClientOptions options = new ClientOptions(URI.create("http://127.0.0.1:" + closedPort), "m", null, TIMEOUT,
                true, false);
        RequestRecord old = Clients.create("openai", options, Clock.system()).send(REQUEST);
        RequestRecord engine = viaEngine("openai", options);
        assertSame(old, engine, "refused");
        assertThat(engine.error()).isEqualTo(old.error());
    }

    @Test
    void capturedOpenAiStreamWithUsageChunk() throws Exception {
        String body = StreamFixturesTest.fixture(
                "openai_gpt-4o-mini_chat_stream_include_usage__pydantic-ai_cassette_interaction_2.sse");
        RequestRecord[] r = both("openai", true, ScriptedServer.replay("text/event-stream", body));
        assertSame(r[0], r[1], "openai");
        assertThat(r[1].completionTokens()).isEqualTo(9);
        assertThat(r[1].promptTokens()).isEqualTo(78);
    }

    @Test
    void capturedDeepSeekStreamWithUsageOnTheLastContentChunk() throws Exception {
        String lines = StreamFixturesTest.fixture(
                "deepseek-chat_stream_chunks_usage_in_final_chunk__langchain_test_literal.jsonl");
        StringBuilder sse = new StringBuilder();
        lines.lines().filter(l -> !l.isBlank()).forEach(l -> sse.append("data: ").append(l).append("\r\n\r\n"));
        RequestRecord[] r = both("openai", true, ScriptedServer.replay("text/event-stream", sse.toString()));
        assertSame(r[0], r[1], "deepseek");
        assertThat(r[1].completionTokens()).isEqualTo(15);
    }

    @Test
    void capturedVllmWholeResponse() throws Exception {
        String body = StreamFixturesTest.fixture("vllm_0.9.2_chat_completion_nonstreaming_qwen3-0.6b__zerohertz_meetup.json");
        RequestRecord[] r = both("openai", false, ScriptedServer.replay("application/json", body));
        assertSame(r[0], r[1], "vllm whole");
        assertThat(r[1].completionTokens()).isEqualTo(167);
        assertThat(r[1].chunks()).isZero();
    }

    @Test
    void reasoningChunksAndOddFieldsAreCountedAlike() throws Exception {
        String body = "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hm\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning\":\"so\",\"content\":null}}]}\n\n"
                + "data:{\"choices\":[{\"delta\":{\"content\":\"\"}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"a\\\"b\"},\"logprobs\":{\"content\":[]}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}},{\"delta\":{\"content\":\"y\"}}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4.0,\"completion_tokens\":2}}\n\n"
                + "data: [DONE]\n\n";
        RequestRecord[] r = both("openai", true, ScriptedServer.replay("text/event-stream", body));
        assertSame(r[0], r[1], "reasoning");
        assertThat(r[1].reasoningChunks()).isEqualTo(2);
        assertThat(r[1].chunks()).isEqualTo(4);
        assertThat(r[1].promptTokens()).isEqualTo(-1);
    }

    @Test
    void aLongErrorBodyIsCutLikeTheOldClient() throws Exception {
        String text = "x".repeat(10_000);
        RequestRecord[] r = both("openai", true, (req, out) -> {
            ScriptedServer.head(out, 503, "text/plain");
            ScriptedServer.write(out, text);
        });
        assertSame(r[0], r[1], "long error");
        assertThat(r[1].error()).isEqualTo(r[0].error());
    }

    @ParameterizedTest
    @EnumSource(value = Wire.class, names = {"OLLAMA", "OLLAMA_GENERATE"})
    void ollamaWholeResponsesAndOddLinesReadAlike(Wire wire) throws Exception {
        String ok = wire.end(7, 3).strip();
        for (String body : new String[] {ok, wire.errorBody("no model"), "{\"done\":false}", "not json"}) {
            RequestRecord[] r = both(wire.api, false, ScriptedServer.replay("application/json", body));
            assertSame(r[0], r[1], wire + " whole " + body);
            assertThat(r[1].error()).isEqualTo(r[0].error());
        }
        String odd = wire.chunk("a") + "  \r\n" + wire.chunk("") + "{\"done\":null}\n"
                + "{\"message\":\"x\",\"response\":7,\"thinking\":\"t\",\"done\":0}\n"
                + "{\"message\":{\"thinking\":\"hm\"},\"done\":\"true\"}\n" + wire.end(2, 2);
        RequestRecord[] r = both(wire.api, true, ScriptedServer.replay(wire.contentType, odd));
        assertSame(r[0], r[1], wire + " odd lines");
        assertThat(r[1].error()).isEqualTo(r[0].error());
    }

    @Test
    void capturedOllamaGenerateStreamWithItsClosingCounts() throws Exception {
        String body = StreamFixturesTest.fixture("ollama_api_generate_stream_smollm2-360m__ollama-bash-lib_demo.ndjson");
        RequestRecord[] r = both("ollama-generate", true, ScriptedServer.replay("application/x-ndjson", body));
        assertSame(r[0], r[1], "ollama generate");
        // read off the capture: 49 done:false lines, each with text, then the closing object's counts
        assertThat(r[1].chunks()).isEqualTo(49);
        assertThat(r[1].completionTokens()).isEqualTo(50);
        assertThat(r[1].promptTokens()).isEqualTo(38);
        assertThat(r[1].engineTimings().totalDurationNs()).isEqualTo(1_563_572_250L);
    }

    @ParameterizedTest
    @EnumSource(value = Wire.class, names = {"OLLAMA", "OLLAMA_GENERATE"})
    void capturedOllamaDocsStreams(Wire wire) throws Exception {
        String body = StreamFixturesTest.fixture(wire == Wire.OLLAMA ? "ollama_docs_api_chat_stream_example.ndjson"
                : "ollama_docs_api_generate_stream_example.ndjson");
        RequestRecord[] r = both(wire.api, true, ScriptedServer.replay("application/x-ndjson", body));
        assertSame(r[0], r[1], wire + " docs");
        assertThat(r[1].ok()).isTrue();
        assertThat(r[1].engineTimings().totalDurationNs()).isPositive();
    }
}
