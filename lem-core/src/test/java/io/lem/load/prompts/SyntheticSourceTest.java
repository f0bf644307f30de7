package io.lem.load.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticSourceTest {

    private static final TokenCounter WORDS = text -> text.split(" ").length;

    @Test
    void parsesEveryForm() {
        assertThat(LengthDistribution.parse("input", "128")).isEqualTo(new LengthDistribution.Fixed(128));
        assertThat(LengthDistribution.parse("input", "fixed:7")).isEqualTo(new LengthDistribution.Fixed(7));
        assertThat(LengthDistribution.parse("input", "Uniform:64:256")).isEqualTo(new LengthDistribution.Uniform(64, 256));
        assertThat(LengthDistribution.parse("input", "normal:256:64")).isEqualTo(new LengthDistribution.Normal(256, 64));
        assertThat(LengthDistribution.parse("input", "lognormal:256:128")).isEqualTo(new LengthDistribution.LogNormal(256, 128));
    }

    @Test
    void badSpecsNameTheOptionAndTheForms() {
        assertThatThrownBy(() -> LengthDistribution.parse("output-len", "gauss:1:2"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("output-len:").hasMessageContaining("lognormal:MEAN:STD");
        assertThatThrownBy(() -> LengthDistribution.parse("output-len", "uniform:9:3"))
                .hasMessageStartingWith("output-len: 'uniform:9:3': uniform max 3 is below min 9");
        assertThatThrownBy(() -> LengthDistribution.parse("output-len", "normal:x:3")).hasMessageContaining("not one");
        assertThatThrownBy(() -> LengthDistribution.parse("output-len", "0")).hasMessageContaining("at least 1");
    }

    /** Sample moments over many seeded draws land near the requested ones; every draw is a valid length. */
    @ParameterizedTest
    @CsvSource({"uniform:64:256, 160, 55.7", "normal:256:64, 256, 64", "lognormal:256:128, 256, 128", "fixed:9, 9, 0"})
    void momentsMatchTheRequestedDistribution(String spec, double mean, double std) {
        LengthDistribution d = LengthDistribution.parse("input", spec);
        SplittableRandom random = new SplittableRandom(42);
        double[] draws = IntStream.range(0, 40_000).mapToDouble(i -> d.draw(random)).toArray();
        double m = java.util.Arrays.stream(draws).average().orElseThrow();
        double s = Math.sqrt(java.util.Arrays.stream(draws).map(x -> (x - m) * (x - m)).sum() / (draws.length - 1));
        assertThat(m).isCloseTo(mean, org.assertj.core.data.Offset.offset(mean * 0.02));
        assertThat(s).isCloseTo(std, org.assertj.core.data.Offset.offset(Math.max(0.5, std * 0.05)));
        assertThat(java.util.Arrays.stream(draws).min().orElseThrow()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void wideDistributionsAreClampedToOneToken() {
        LengthDistribution d = new LengthDistribution.Normal(2, 50);
        SplittableRandom random = new SplittableRandom(1);
        int[] draws = IntStream.range(0, 2_000).map(i -> d.draw(random)).toArray();
        assertThat(draws).contains(1);
        assertThat(IntStream.of(draws).min().orElseThrow()).isEqualTo(1);
    }

    @Test
    void sameSeedSamePromptsAndLengthsFollowTheDraws() {
        SyntheticSource source = new SyntheticSource(new LengthDistribution.Uniform(5, 40),
                new LengthDistribution.LogNormal(100, 50), WORDS);
        List<Prompt> a = source.take(30, 11);

        assertThat(a).isEqualTo(source.take(30, 11)).isNotEqualTo(source.take(30, 12));
        SplittableRandom root = new SplittableRandom(11);
        SplittableRandom inputs = root.split();
        SplittableRandom outputs = root.split();
        for (Prompt p : a) {
            assertThat(p.text().split(" ")).hasSize(new LengthDistribution.Uniform(5, 40).draw(inputs));
            assertThat(p.outputTokens()).isEqualTo(new LengthDistribution.LogNormal(100, 50).draw(outputs));
        }
    }

    @Test
    void changingTheOutputDistributionKeepsThePromptTexts() {
        LengthDistribution input = new LengthDistribution.Normal(30, 5);
        List<Prompt> short_ = new SyntheticSource(input, new LengthDistribution.Fixed(8), null).take(10, 3);
        List<Prompt> long_ = new SyntheticSource(input, new LengthDistribution.Fixed(800), null).take(10, 3);
        assertThat(short_).extracting(Prompt::text).isEqualTo(long_.stream().map(Prompt::text).toList());
        assertThat(long_).allSatisfy(p -> assertThat(p.outputTokens()).isEqualTo(800));
    }
}
