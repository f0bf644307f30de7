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
}
