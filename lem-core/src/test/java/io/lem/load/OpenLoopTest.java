package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.client.InferenceClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenLoopTest {

    private static final Clock CLOCK = Clock.system();

    /** A client whose requests finish only when the test says so: in-flight counts are exact, not timed. */
    private static final class HeldClient implements InferenceClient {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch reached;

        HeldClient(int waitFor) {
            reached = new CountDownLatch(waitFor);
        }

        @Override
        public RequestRecord send(PromptRequest request) {
            long send = CLOCK.nanoTime();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            reached.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            long end = CLOCK.nanoTime();
            return new RequestRecord(request.id(), request.warmup(), send, end, end, 3, 1, 1, false, RequestStatus.OK, null);
        }
    }

    private static final RequestFactory FACTORY = a -> new PromptRequest(a.index(), a.portion() == Portion.WARMUP, "p", 4, 0);

    @Test
    void neverWaitsForEarlierRequests() throws Exception {
        int n = 12;
        HeldClient client = new HeldClient(n);
        Schedule schedule = Schedules.build(new ArrivalProcess.ConstantRate(1000), LoadShape.stopAfter(new Extent.Requests(n)), 1);
        Thread releaser = Thread.ofVirtual().start(() -> {
            try {
                client.reached.await(); // every request is in flight before any finishes
            } catch (InterruptedException e) {
                return;
            }
            client.release.countDown();
        });
        List<LoadRecord> records = OpenLoop.run(client, schedule, FACTORY, CLOCK, r -> { }, Progress.Listener.NONE);
        releaser.join();
        assertThat(client.maxInFlight.get()).isEqualTo(n);
        assertThat(records).extracting(r -> r.request().id()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void theCapBoundsRequestsInFlightAndDelaysShowAsLateness(int cap) throws Exception {
        int n = 9;
        List<LoadRecord> sunk = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        InferenceClient client = request -> {
            long send = CLOCK.nanoTime();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            long end = CLOCK.nanoTime();
            return new RequestRecord(request.id(), false, send, end, end, 3, 1, 1, false, RequestStatus.OK, null);
        };
        Schedule schedule = Schedules.build(new ArrivalProcess.ConstantRate(10_000),
                LoadShape.stopAfter(new Extent.Requests(n)).withMaxConcurrency(cap), 1);
        List<LoadRecord> records = OpenLoop.run(client, schedule, FACTORY, CLOCK, sunk::add, Progress.Listener.NONE);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(cap);
        assertThat(sunk).hasSize(n);
        assertThat(records).allSatisfy(r -> assertThat(r.latenessMs()).isGreaterThanOrEqualTo(0));
        // with all 9 due at once (0.1 ms apart) and cap slots, the last waited for at least one 15 ms request
        assertThat(records.stream().mapToDouble(LoadRecord::latenessMs).max().orElseThrow()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void sendsNoRequestBeforeItsScheduledTimeAndReportsProgress() throws Exception {
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        InferenceClient client = request -> {
            long now = CLOCK.nanoTime();
            return new RequestRecord(request.id(), false, now, now, now, 3, 1, 1, false,
                    request.id() % 4 == 0 ? RequestStatus.HTTP_ERROR : RequestStatus.OK, null);
        };
        Schedule schedule = Schedules.build(new ArrivalProcess.Poisson(400),
                LoadShape.stopAfter(new Extent.Requests(20)).withWarmup(new Extent.Requests(2), Extent.NONE), 9);
        List<LoadRecord> records = OpenLoop.run(client, schedule, FACTORY, CLOCK, r -> { }, progress::add);
        assertThat(records).allSatisfy(r -> assertThat(r.request().sendNs()).isGreaterThanOrEqualTo(r.scheduledNs()));
        assertThat(records).filteredOn(r -> r.portion() == Portion.WARMUP).extracting(r -> r.request().id())
                .containsExactlyInAnyOrder(0, 1);
        assertThat(progress).extracting(Progress::done).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(20));
        assertThat(progress.stream().mapToInt(Progress::failed).max().orElseThrow()).isEqualTo(5);
    }

    @Test
    void closedLoopStopsSendingAtTheDurationAndKeepsConcurrency() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        InferenceClient client = request -> {
            long send = CLOCK.nanoTime();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            long end = CLOCK.nanoTime();
            return new RequestRecord(request.id(), false, send, end, end, 3, 1, 1, false, RequestStatus.OK, null);
        };
        long start = CLOCK.nanoTime();
        List<LoadRecord> records = ClosedLoop.run(client, new ArrivalProcess.Closed(3),
                LoadShape.stopAfter(new Extent.Seconds(0.2)).withWarmup(new Extent.Seconds(0.05), new Extent.Seconds(0.05)),
                FACTORY, CLOCK, r -> { }, Progress.Listener.NONE);
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(records).allSatisfy(r -> assertThat(r.request().sendNs() - start).isLessThan(250_000_000L));
        assertThat(records).extracting(LoadRecord::portion).contains(Portion.WARMUP, Portion.MEASURED, Portion.COOLDOWN);
        assertThat(records).extracting(r -> r.request().id()).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> assertThat(r.latenessMs()).isNaN());
    }
}
