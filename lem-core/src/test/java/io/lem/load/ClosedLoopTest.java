package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosedLoopTest {

    @ParameterizedTest
    @CsvSource({"1,5", "2,9", "4,4", "8,3"})
    void keepsExactlyConcurrencyInFlightAndSendsEveryRequestOnce(int concurrency, int count) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        List<PromptRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new PromptRequest(i, false, "p" + i, 4, 0));
        }
        List<RequestRecord> sunk = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RequestRecord> records = ClosedLoop.run(request -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new RequestRecord(request.id(), false, 0, 1, 2, 3, 4, 4, false, RequestStatus.OK, null);
        }, requests, concurrency, sunk::add);

        assertThat(records).extracting(RequestRecord::id).containsExactlyInAnyOrderElementsOf(
                requests.stream().map(PromptRequest::id).toList());
        assertThat(sunk).hasSameSizeAs(records);
        assertThat(maxInFlight.get()).isEqualTo(Math.min(concurrency, count));
    }

    @org.junit.jupiter.api.Test
    void aStopCancelsTheRequestsInFlightAndSendsNoMore() throws Exception {
        List<PromptRequest> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            requests.add(new PromptRequest(i, false, "p" + i, 4, 0));
        }
        LoadStop stop = new LoadStop();
        AtomicInteger sent = new AtomicInteger();
        java.util.concurrent.CountDownLatch bothBlocked = new java.util.concurrent.CountDownLatch(2);
        Thread.ofVirtual().start(() -> {
            try {
                bothBlocked.await();
            } catch (InterruptedException e) {
                return;
            }
            stop.stop("the server died");
        });
        List<RequestRecord> records = ClosedLoop.run(request -> {
            // the first two answer, the next two block like requests on a dead server until cancelled
            if (sent.incrementAndGet() <= 2) {
                return new RequestRecord(request.id(), false, 0, 1, 2, 3, 4, 4, false, RequestStatus.OK, null);
            }
            bothBlocked.countDown();
            try {
                Thread.sleep(60_000);
                return new RequestRecord(request.id(), false, 0, 1, 2, 3, 4, 4, false, RequestStatus.OK, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RequestRecord(request.id(), false, 0, -1, 2, -1, 0, 0, true, RequestStatus.CONNECTION_ERROR,
                        "interrupted");
            }
        }, requests, 2, r -> { }, stop);

        assertThat(sent.get()).isEqualTo(4);
        assertThat(records).hasSize(4);
        assertThat(records.stream().filter(r -> !r.ok())).hasSize(2);
        assertThat(stop.reason()).isEqualTo("the server died");
    }
}
