package io.lem.load.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

class SamplingTest {

    @RepeatedTest(20)
    void drawsAreSeededAndRespectTheirRule(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int size = 1 + random.nextInt(30);
        int count = random.nextInt(100);
        long seed = random.nextLong();
        List<Prompt> pool = IntStream.range(0, size).mapToObj(i -> Prompt.of("p" + i)).toList();

        for (Sampling sampling : Sampling.values()) {
            List<Prompt> drawn = sampling.draw(pool, count, seed);
            assertThat(drawn).hasSize(count).isEqualTo(sampling.draw(pool, count, seed));
            assertThat(pool).containsAll(drawn);
        }
        assertThat(Sampling.IN_ORDER.draw(pool, count, seed))
                .isEqualTo(IntStream.range(0, count).mapToObj(i -> pool.get(i % size)).toList());
        List<Prompt> unique = Sampling.WITHOUT_REPLACEMENT.draw(pool, count, seed);
        for (int start = 0; start < count; start += size) {
            List<Prompt> round = new ArrayList<>(unique.subList(start, Math.min(count, start + size)));
            assertThat(new HashSet<>(round)).as("no repeat within a pass over the pool").hasSize(round.size());
        }
    }

    @RepeatedTest(5)
    void differentSeedsGiveDifferentOrders(RepetitionInfo repetition) {
        List<Prompt> pool = IntStream.range(0, 50).mapToObj(i -> Prompt.of("p" + i)).toList();
        long seed = repetition.getCurrentRepetition();
        assertThat(Sampling.WITHOUT_REPLACEMENT.draw(pool, 50, seed))
                .isNotEqualTo(Sampling.WITHOUT_REPLACEMENT.draw(pool, 50, seed + 100));
        assertThat(Sampling.WITH_REPLACEMENT.draw(pool, 50, seed))
                .isNotEqualTo(Sampling.WITH_REPLACEMENT.draw(pool, 50, seed + 100));
    }
}
