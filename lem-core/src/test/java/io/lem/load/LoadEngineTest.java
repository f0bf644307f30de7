package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lem.client.ClientOptions;
import io.lem.client.KeepAliveServer;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The event-loop engine against real loopback servers: keep-alive, framings, split reads, both loops, stops. */
class LoadEngineTest {

    private static final Clock CLOCK = Clock.system();
    private static final RequestFactory FACTORY = a -> new PromptRequest(a.index(), a.portion() == Portion.WARMUP,
            "prompt " + (a.index() % 4), 16, 7 + a.index());

    private static LoadTarget target(KeepAliveServer server, Duration timeout) {
        ClientOptions options = new ClientOptions(server.baseUrl(), "m", null, timeout, true, true);
        return new LoadTarget("openai", options);
    }

    private static LoadRun closed(KeepAliveServer server, int concurrency, LoadShape shape, LoadSink sink,
                                  LoadStop stop) throws InterruptedException {
        return Loads.run(target(server, Duration.ofSeconds(10)), new ArrivalProcess.Closed(concurrency), shape, null,
                FACTORY, CLOCK, sink, Progress.Listener.NONE, stop);
    }

    private static void assertStreamed(RequestRecord r, int chunks) {
        assertThat(r.status()).as(r.error()).isEqualTo(RequestStatus.OK);
        assertThat(r.chunks()).isEqualTo(chunks);
        assertThat(r.completionTokens()).isEqualTo(chunks);
        assertThat(r.promptTokens()).isEqualTo(7);
        assertThat(r.tokensApproximate()).isFalse();
        assertThat(r.chunkTimesNs()).hasSize(chunks).isSorted();
        assertThat(r.firstTokenNs()).isGreaterThanOrEqualTo(r.sendNs());
        assertThat(r.endNs()).isGreaterThanOrEqualTo(r.chunkTimesNs()[chunks - 1]);
    }

    @ParameterizedTest
    @EnumSource(KeepAliveServer.Framing.class)
    void closedLoopReusesItsConnectionsAndParsesEveryRequest(KeepAliveServer.Framing framing) throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(16, framing, 0, 0)) {
            List<LoadRecord> sunk = Collections.synchronizedList(new ArrayList<>());
            LoadRun run = closed(server, 4, LoadShape.stopAfter(new Extent.Requests(300))
                    .withWarmup(new Extent.Requests(10), new Extent.Requests(5)), sunk::add, new LoadStop());

            assertThat(run.records()).hasSize(300);
            assertThat(sunk).containsExactlyInAnyOrderElementsOf(run.records());
            assertThat(run.records()).extracting(r -> r.request().id()).doesNotHaveDuplicates();
            run.records().forEach(r -> assertStreamed(r.request(), 16));
            assertThat(run.records().stream().filter(r -> r.portion() == Portion.WARMUP).count()).isEqualTo(10);
            assertThat(run.records().stream().filter(r -> r.portion() == Portion.COOLDOWN).count()).isEqualTo(5);
            assertThat(server.requests.get()).isEqualTo(300);
            assertThat(server.connections.get()).isLessThanOrEqualTo(4); // keep-alive: one socket per client
            assertThat(run.generator().engine()).isEqualTo(LoadGenerator.EVENT_LOOP);
            assertThat(run.generator().requests()).isEqualTo(300);
            assertThat(run.generator().toJson()).containsKeys("cpu_s", "cpu_us_per_request", "estimated_energy_j")
                    .containsEntry("energy_estimated", true);
        }
    }

    @ParameterizedTest
    @EnumSource(KeepAliveServer.Framing.class)
    void eventsSplitAcrossReadsAreReadWhole(KeepAliveServer.Framing framing) throws Exception {
        // 7-byte pieces: the status line, the headers, chunk sizes, "data:" and the usage object all arrive cut
        try (KeepAliveServer server = new KeepAliveServer(5, framing, 7, 0)) {
            LoadRun run = closed(server, 2, LoadShape.stopAfter(new Extent.Requests(6)), r -> { }, new LoadStop());
            assertThat(run.records()).hasSize(6);
            run.records().forEach(r -> assertStreamed(r.request(), 5));
            assertThat(run.records().getFirst().request().chunkTimesNs()).doesNotHaveDuplicates();
        }
    }

    @Test
    void progressIsToldOncePerBatchAndEndsWithEveryRequestCounted() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(2, KeepAliveServer.Framing.LENGTH, 0, 0)) {
            List<Progress> told = Collections.synchronizedList(new ArrayList<>());
            int requests = 3 * RecordHandoff.BATCH + 7;
            Loads.run(target(server, Duration.ofSeconds(10)), new ArrivalProcess.Closed(8),
                    LoadShape.stopAfter(new Extent.Requests(requests)), null, FACTORY, CLOCK, r -> { }, told::add,
                    new LoadStop());
            // at least one call per full batch and the last, never one per record
            assertThat(told).hasSizeBetween(4, requests / 2);
            assertThat(told).extracting(Progress::done).isSorted();
            assertThat(told.getLast().done()).isEqualTo(requests);
            assertThat(told.getLast().total()).isEqualTo(requests);
            assertThat(told.getLast().failed()).isZero();
        }
    }

    @Test
    void closedLoopByDurationStopsSendingAtTheEnd() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(3, KeepAliveServer.Framing.LENGTH, 0, 0)) {
            LoadRun run = closed(server, 3, LoadShape.stopAfter(new Extent.Seconds(0.3)), r -> { }, new LoadStop());
            assertThat(run.records()).isNotEmpty();
            long first = run.records().stream().mapToLong(r -> r.request().sendNs()).min().orElseThrow();
            assertThat(run.records()).allSatisfy(r -> {
                assertStreamed(r.request(), 3);
                assertThat(r.request().sendNs() - first).isLessThan(Duration.ofMillis(300).toNanos() + 250_000_000L);
            });
        }
    }

    @Test
    void openLoopSendsOnScheduleAndRecordsLateness() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(4, KeepAliveServer.Framing.CHUNKED, 0, 0)) {
            Schedule schedule = Schedules.build(new ArrivalProcess.Poisson(400),
                    LoadShape.stopAfter(new Extent.Requests(60)).withWarmup(new Extent.Requests(6), Extent.NONE), 5);
            LoadRun run = Loads.run(target(server, Duration.ofSeconds(10)), new ArrivalProcess.Poisson(400),
                    schedule.shape(), schedule, FACTORY, CLOCK, r -> { }, Progress.Listener.NONE, new LoadStop());
            assertThat(run.records()).hasSize(60);
            assertThat(run.records()).allSatisfy(r -> {
                assertStreamed(r.request(), 4);
                assertThat(r.scheduledNs()).isPositive();
                assertThat(r.latenessMs()).isNotNegative();
                assertThat(r.portion()).isEqualTo(schedule.arrivals().get(r.request().id()).portion());
            });
        }
    }

    @Test
    void openLoopCapHoldsDueRequests() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(2, KeepAliveServer.Framing.LENGTH, 0, 30)) {
            Schedule schedule = Schedules.build(new ArrivalProcess.ConstantRate(10_000),
                    LoadShape.stopAfter(new Extent.Requests(8)).withMaxConcurrency(2), 1);
            LoadRun run = Loads.run(target(server, Duration.ofSeconds(10)), new ArrivalProcess.ConstantRate(10_000),
                    schedule.shape(), schedule, FACTORY, CLOCK, r -> { }, Progress.Listener.NONE, new LoadStop());
            assertThat(run.records()).hasSize(8).allSatisfy(r -> assertStreamed(r.request(), 2));
            assertThat(server.connections.get()).isLessThanOrEqualTo(2);
            // the last two waited for three rounds of 30 ms holds
            assertThat(run.records().stream().mapToDouble(LoadRecord::latenessMs).max().orElseThrow()).isGreaterThan(60);
        }
    }

    @Test
    void aStalledStreamTimesOutAndTheRestGoOn() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(3, KeepAliveServer.Framing.LENGTH, 0, 2_000)) {
            LoadRun run = Loads.run(target(server, Duration.ofMillis(200)), new ArrivalProcess.Closed(2),
                    LoadShape.stopAfter(new Extent.Requests(4)), null, FACTORY, CLOCK, r -> { },
                    Progress.Listener.NONE, new LoadStop());
            assertThat(run.records()).hasSize(4).allSatisfy(r -> {
                assertThat(r.request().status()).isEqualTo(RequestStatus.TIMEOUT);
                assertThat(r.request().chunks()).isEqualTo(3); // all content arrived; the usage and [DONE] did not
                assertThat(r.request().error()).contains("200 ms").contains("3 chunks");
                assertThat(r.request().e2eMs()).isGreaterThanOrEqualTo(200);
            });
        }
    }

    @Test
    void aStopCancelsEveryRequestInFlightAndSendsNoMore() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(2, KeepAliveServer.Framing.LENGTH, 0, 60_000)) {
            LoadStop stop = new LoadStop();
            CountDownLatch running = new CountDownLatch(1);
            Thread stopper = Thread.ofVirtual().start(() -> {
                try {
                    while (server.requests.get() < 5) {
                        Thread.sleep(5);
                    }
                    running.countDown();
                    stop.stop("engine died");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            LoadRun run = closed(server, 5, LoadShape.stopAfter(new Extent.Requests(100)), r -> { }, stop);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            stopper.join();
            assertThat(run.records()).hasSize(5).allSatisfy(r -> {
                assertThat(r.request().status()).isEqualTo(RequestStatus.CONNECTION_ERROR);
                assertThat(r.request().error()).contains("engine died");
            });
        }
    }

    @Test
    void aSinkThatFailsFailsTheRun() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(1, KeepAliveServer.Framing.LENGTH, 0, 0)) {
            LoadSink broken = r -> {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed(server, 1,
                    LoadShape.stopAfter(new Extent.Requests(3)), broken, new LoadStop()))
                    .hasMessageContaining("disk full");
        }
    }
}
