package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.lem.client.InferenceClient;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.config.MeasurementConfig;
import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.Test;

/** Warm-up rules on a manual clock: each request takes a scripted latency and advances the clock by it. */
class WarmupRunnerTest {

    private final AtomicLong now = new AtomicLong();
    private final Clock clock = now::get;
    private static final List<PromptRequest> POOL = List.of(new PromptRequest(0, true, "a", 4, 1),
            new PromptRequest(1, true, "b", 4, 1));

    /** Latencies in ms: decreasing noise, then flat; each round's requests are sent one after the other. */
    private WarmupRunner.Round client(long... latenciesMs) {
        InferenceClient client = send(latenciesMs);
        return batch -> batch.stream().map(client::send).toList();
    }

    private InferenceClient send(long... latenciesMs) {
        AtomicInteger n = new AtomicInteger();
        return request -> {
            int i = n.getAndIncrement();
            long ms = latenciesMs[Math.min(i, latenciesMs.length - 1)];
            long start = now.get();
            long end = now.addAndGet(ms * 1_000_000);
            return new RequestRecord(request.id(), true, start, start + 1, end, 3, 4, 4, false, RequestStatus.OK, null);
        };
    }

    private static MeasurementConfig.Warmup rules(int requests, double durationS, double cv, boolean thermal, double maxS) {
        return new MeasurementConfig.Warmup(requests, durationS, cv, 3, thermal, 1.0, maxS);
    }

    @Test
    void countOnly() throws Exception {
        WarmupRunner.Outcome o = new WarmupRunner(rules(3, 0, 0, false, 600), clock, () -> null)
                .run(client(100), POOL, 1, new io.lem.load.LoadStop());
        assertThat(o.records()).hasSize(3).allMatch(RequestRecord::warmup);
        assertThat(o.stoppedBecause()).isEqualTo("count (3 requests)");
    }

    @Test
    void durationKeepsGoingUntilElapsed() throws Exception {
        WarmupRunner.Outcome o = new WarmupRunner(rules(1, 1.0, 0, false, 600), clock, () -> null)
                .run(client(300), POOL, 1, new io.lem.load.LoadStop());
        assertThat(o.records()).hasSize(4); // 0.3, 0.6, 0.9, 1.2 s
        assertThat(o.stoppedBecause()).startsWith("duration met after 1.2");
        assertThat(o.records()).extracting(RequestRecord::id).containsExactly(0, 1, 2, 3);
    }

    @Test
    void cvConvergesOnceLatenciesSettle() throws Exception {
        WarmupRunner.Outcome o = new WarmupRunner(rules(1, 0, 0.05, false, 600), clock, () -> null)
                .run(client(900, 500, 300, 200, 200, 201, 200), POOL, 1, new io.lem.load.LoadStop());
        assertThat(o.records()).hasSize(6); // last three: 200, 200, 201
        assertThat(o.stoppedBecause()).startsWith("latency CV met");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void capEndsANonConvergingWarmupWithAWarning() throws Exception {
        WarmupRunner.Outcome o = new WarmupRunner(rules(1, 0, 0.01, false, 2.0), clock, () -> null)
                .run(client(100, 900, 100, 900, 100, 900, 100, 900, 100, 900, 100, 900, 100, 900), POOL, 1, new io.lem.load.LoadStop());
        assertThat(o.stoppedBecause()).startsWith("cap of 2 s reached while waiting for latency CV < 0.010");
        assertThat(o.warnings()).singleElement().asString().startsWith("warm-up did not converge");
    }

    @Test
    void thermalFloorWaitsForTemperaturesToSettle() {
        Domain temp = new Domain("gpu0:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "t");
        long s = 1_000_000_000L;
        // rising 5 C/min for the first minute, then flat for a minute
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i <= 120; i++) {
            times.add(i * s);
            values.add(i <= 60 ? 40 + 5.0 * i / 60 : 45.0);
        }
        PowerTrace trace = PowerTrace.of(List.of(temp), times.stream().mapToLong(Long::longValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(WarmupRunner.thermal(trace, 60 * s).maxSlopeCPerMin()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(WarmupRunner.thermal(trace, 120 * s).maxSlopeCPerMin()).isLessThan(0.2);
        assertThat(WarmupRunner.thermal(PowerTrace.of(List.of(), new long[0]), 0).gauges()).isZero();
    }
}
