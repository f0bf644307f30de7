package io.lem.meter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EnergyCounterTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void unwrappedSumEqualsTheTrueIncrementsWhateverTheWraps(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long max = 262_143_328_850L;
        long raw = random.nextLong(max + 1);
        EnergyCounter counter = new EnergyCounter(raw, max);
        long truth = 0;
        for (int i = 0; i < 10_000; i++) {
            long increment = random.nextLong(max / 3); // less than one wrap between reads
            truth += increment;
            raw = (raw + increment) % (max + 1);
            assertThat(counter.update(raw)).isEqualTo(truth);
        }
        assertThat(counter.wraps()).isPositive();
    }
}
