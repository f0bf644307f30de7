package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.client.ClientOptions;
import io.lem.client.KeepAliveServer;
import io.lem.client.OpenAiChatClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.config.MeasurementConfig;
import io.lem.load.LoadGenerator;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.LoadWatch;
import io.lem.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * lem run's loads on the event-loop engine ({@link EngineLoad}) give the records the JDK HttpClient closed loop gave
 * for the same scripted stream, and the engine watch still sees every chunk and every request in flight.
 */
class EngineLoadTest {

    private static final int CHUNKS = 6;
    private static final int REQUESTS = 24;
    private static final int CONCURRENCY = 4;
    private static final Clock CLOCK = Clock.system();

    /** Counts what a watch is told, and the most requests it saw in flight at once. */
    private static final class CountingWatch implements LoadWatch {
        final AtomicInteger chunks = new AtomicInteger();
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public void chunk(long arrivedNs) {
            chunks.incrementAndGet();
        }

        @Override
        public void begin() {
            begun.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        @Override
        public void end(RequestRecord record) {
            ended.incrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    private static List<PromptRequest> requests() {
        List<PromptRequest> out = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            out.add(new PromptRequest(100 + i, i % 3 == 0, "prompt number " + i, 64, 7));
        }
        return out;
    }

    private static List<RequestRecord> byId(List<RequestRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(RequestRecord::id)).toList();
    }

    @Test
    void recordsThroughTheEventLoopEqualTheHttpClients() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(CHUNKS, KeepAliveServer.Framing.CHUNKED, 0, 0)) {
            ClientOptions options = ClientOptions.of(server.baseUrl(), "m", Duration.ofSeconds(10));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            OpenAiChatClient blocking = new OpenAiChatClient(http, options, CLOCK);
            List<RequestRecord> old = byId(requests().stream().map(blocking::send).toList());

            CountingWatch watch = new CountingWatch();
            List<RequestRecord> sunk = Collections.synchronizedList(new ArrayList<>());
            EngineLoad load = new EngineLoad(new LoadTarget("openai", options), CONCURRENCY, CLOCK,
                    r -> sunk.add(r.request()), new LoadStop(), watch);
            List<RequestRecord> engine = byId(load.run(requests()));

            assertThat(engine).hasSize(REQUESTS);
            assertThat(old).hasSize(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                RequestRecord o = old.get(i);
                RequestRecord e = engine.get(i);
                assertThat(e.id()).isEqualTo(o.id()).isEqualTo(100 + i);
                assertThat(e.warmup()).isEqualTo(o.warmup()).isEqualTo(i % 3 == 0);
                assertThat(e.status()).isEqualTo(o.status()).isEqualTo(RequestStatus.OK);
                assertThat(e.httpStatus()).isEqualTo(o.httpStatus()).isEqualTo(200);
                assertThat(e.promptTokens()).isEqualTo(o.promptTokens()).isEqualTo(7);
                assertThat(e.completionTokens()).isEqualTo(o.completionTokens()).isEqualTo(CHUNKS);
                assertThat(e.tokensApproximate()).isEqualTo(o.tokensApproximate()).isFalse();
                assertThat(e.chunks()).isEqualTo(o.chunks()).isEqualTo(CHUNKS);
                assertThat(e.reasoningChunks()).isEqualTo(o.reasoningChunks());
                assertThat(e.error()).isEqualTo(o.error());
                assertThat(e.chunkTimesNs()).hasSize(CHUNKS).isSorted();
                assertThat(e.firstTokenNs()).isEqualTo(e.chunkTimesNs()[0]).isGreaterThan(e.sendNs());
                assertThat(e.endNs()).isGreaterThanOrEqualTo(e.chunkTimesNs()[CHUNKS - 1]);
            }
            // requests.jsonl gets each record once, as it completes
            assertThat(byId(sunk)).containsExactlyElementsOf(engine);
            // the engine watch: every chunk seen, every request begun and ended, never more than the concurrency
            assertThat(watch.chunks.get()).isEqualTo(REQUESTS * CHUNKS);
            assertThat(watch.begun.get()).isEqualTo(REQUESTS);
            assertThat(watch.ended.get()).isEqualTo(REQUESTS);
            assertThat(watch.inFlight.get()).isZero();
            assertThat(watch.maxInFlight.get()).isBetween(1, CONCURRENCY);
            LoadGenerator generator = load.generator();
            assertThat(generator.engine()).isEqualTo(LoadGenerator.EVENT_LOOP);
            assertThat(generator.requests()).isEqualTo(REQUESTS);
            // the OS counts process CPU in clock ticks (10 ms on Linux): a load of a few ms may read as 0
            assertThat(generator.cpuS()).isFinite().isNotNegative();
            assertThat(generator.cpuUsPerRequest()).isEqualTo(generator.cpuS() * 1e6 / REQUESTS);
        }
    }

    @Test
    void warmupRoundsRunOnTheEngineAndTheirCostsAddUp() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(CHUNKS, KeepAliveServer.Framing.LENGTH, 0, 0)) {
            ClientOptions options = ClientOptions.of(server.baseUrl(), "m", Duration.ofSeconds(10));
            OpenAiChatClient blocking = new OpenAiChatClient(HttpClient.newHttpClient(), options, CLOCK);
            CountingWatch watch = new CountingWatch();
            LoadStop stop = new LoadStop();
            EngineLoad load = new EngineLoad(new LoadTarget("openai", options), 2, CLOCK, r -> { }, stop,
                    watch);
            List<PromptRequest> pool = requests().subList(0, 2);
            // count 3, then rounds of 2 until 0.5 s have passed since the start: ids run on from 0, prompts cycle
            // through the pool (on a loaded machine the count alone may outlast the duration: then no round follows)
            WarmupRunner.Outcome o = new WarmupRunner(new MeasurementConfig.Warmup(3, 0.5, 0, 5, false, 1.0, 600),
                    CLOCK, () -> null).run(load, pool, 2, stop);
            List<RequestRecord> records = byId(o.records());
            assertThat(records.size()).isGreaterThanOrEqualTo(3).isOdd();
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).id()).isEqualTo(i);
                assertThat(records.get(i).warmup()).isTrue();
                assertThat(records.get(i).ok()).isTrue();
            }
            assertThat(o.stoppedBecause()).matches("duration met after \\d+\\.\\d s");
            assertThat(o.endNs() - o.startNs()).isGreaterThanOrEqualTo(500_000_000L);
            assertThat(load.generator().requests()).isEqualTo(records.size());
            assertThat(watch.begun.get()).isEqualTo(records.size());
            assertThat(watch.chunks.get()).isEqualTo(records.size() * CHUNKS);
        }
    }
}
