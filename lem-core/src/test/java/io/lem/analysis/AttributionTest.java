package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributionTest {

    private static final long MS = 1_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void sharesAddUpToTheActiveEnergyExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] bounds = new long[101];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = i * 100 * MS;
        }
        double[] watts = random.doubles(100, 5, 50).toArray();
        Attribution.WindowFunction energy = (t0, t1) -> {
            double sum = 0;
            for (int i = 0; i < 100; i++) {
                long a = Math.max(t0, bounds[i]);
                long b = Math.min(t1, bounds[i + 1]);
                if (b > a) {
                    sum += watts[i] * (b - a) / 1e9;
                }
            }
            return sum;
        };
        List<RequestSpan> spans = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            long send = random.nextLong(0, 8_000) * MS;
            long first = send + random.nextLong(1, 500) * MS;
            long end = Math.min(first + random.nextLong(1, 3_000) * MS, 10_000 * MS);
            int tokens = random.nextInt(1, 64);
            long[] chunks = random.nextBoolean() ? new long[0]
                    : random.longs(tokens, first, end + 1).sorted().toArray();
            spans.add(new RequestSpan(send, first, Math.max(end, first), random.nextInt(1, 100), tokens, chunks));
        }
        double idle = 3;
        Attribution a = Attribution.of(spans, energy, idle, bounds);

        double expectedActive = energy.energyJ(0, 10_000 * MS) - idle * 10;
        assertThat(a.activeEnergyJ()).isCloseTo(expectedActive, within(1e-9));
        assertThat(a.timeSharingSumJ() + a.unattributedJ()).isCloseTo(expectedActive, within(1e-9));
        assertThat(Arrays.stream(a.tokenProportionalJ()).sum()).isCloseTo(Math.max(0, expectedActive), within(1e-9));
    }

    @Test
    void tokensDecideTheSplitWithinAnInterval() {
        // one interval of 10 J active energy; request A emits 3 tokens, B emits 1 (chunk times), no prompt in it
        long t = 10_000 * MS; // monotonic clock values are positive; -1 means "no first token"
        long[] bounds = {t, t + 1000 * MS};
        RequestSpan a = new RequestSpan(t - 5 * MS, t - 1 * MS, t + 900 * MS, 7, 4,
                new long[] {t - 1 * MS, t + 100 * MS, t + 200 * MS, t + 300 * MS});
        RequestSpan b = new RequestSpan(t - 5 * MS, t - 2 * MS, t + 900 * MS, 7, 2,
                new long[] {t - 2 * MS, t + 500 * MS});
        Attribution result = Attribution.of(List.of(a, b), (t0, t1) -> 10 * (t1 - t0) / (1000.0 * MS), 0, bounds);
        assertThat(result.timeSharingJ()).containsExactly(7.5, 2.5);
        assertThat(result.tokenProportionalJ()[0]).isCloseTo(10.0 * 4 / 6, within(1e-12));
        assertThat(result.unattributedJ()).isZero();
    }

    @Test
    void idleIntervalsStayUnattributed() {
        long[] bounds = {0, 1000 * MS, 2000 * MS};
        RequestSpan only = new RequestSpan(0, 100 * MS, 900 * MS, 1, 8, new long[0]);
        Attribution result = Attribution.of(List.of(only), (t0, t1) -> (t1 - t0) / 1e9 * 4, 1, bounds);
        assertThat(result.timeSharingJ()[0]).isCloseTo(3.0, within(1e-12));
        assertThat(result.unattributedJ()).isCloseTo(3.0, within(1e-12));
    }
}
