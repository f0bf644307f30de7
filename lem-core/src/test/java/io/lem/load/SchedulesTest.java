package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

    private static final long NS = 1_000_000_000L;

    @ParameterizedTest
    @CsvSource({"1, 10", "4, 7", "50, 1000", "0.5, 3"})
    void constantRateIsEvenlySpacedAndStopsAtTheCount(double rps, int count) {
        Schedule s = Schedules.build(new ArrivalProcess.ConstantRate(rps), LoadShape.stopAfter(new Extent.Requests(count)), 1);
        long[] offsets = s.offsetsNs();
        assertThat(offsets).hasSize(count);
        assertThat(offsets[0]).isZero();
        for (int i = 1; i < count; i++) {
            assertThat((double) offsets[i] - offsets[i - 1]).isCloseTo(NS / rps, within(1.0));
        }
        assertThat(s.count(Portion.MEASURED)).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource({"10, 2.0, 20", "3, 1.0, 3", "7, 0.5, 4", "2.5, 4, 10"})
    void durationStopKeepsEveryArrivalBeforeTheEnd(double rps, double seconds, int expected) {
        Schedule s = Schedules.build(new ArrivalProcess.ConstantRate(rps), LoadShape.stopAfter(new Extent.Seconds(seconds)), 1);
        assertThat(s.size()).isEqualTo(expected);
        assertThat(Arrays.stream(s.offsetsNs()).max().orElseThrow()).isLessThan(Math.round(seconds * NS));
        assertThat(s.endNs()).isEqualTo(Math.round(seconds * NS));
    }

    @RepeatedTest(5)
    void sameSeedSameScheduleOtherSeedOtherSchedule(RepetitionInfo info) {
        long seed = new SplittableRandom(info.getCurrentRepetition()).nextLong();
        LoadShape shape = LoadShape.stopAfter(new Extent.Seconds(30)).withRampUp(5);
        ArrivalProcess gamma = new ArrivalProcess.Gamma(8, 0.5);
        assertThat(Schedules.build(gamma, shape, seed).offsetsNs()).isEqualTo(Schedules.build(gamma, shape, seed).offsetsNs());
        assertThat(Schedules.build(gamma, shape, seed).offsetsNs()).isNotEqualTo(Schedules.build(gamma, shape, seed + 1).offsetsNs());
    }

    @RepeatedTest(3)
    void poissonGapsHaveMeanOneOverRateAndCvSquaredOne(RepetitionInfo info) {
        double[] moments = gapMoments(new ArrivalProcess.Poisson(20), info.getCurrentRepetition());
        assertThat(moments[0]).isCloseTo(1.0 / 20, within(0.05 / 20));
        assertThat(moments[1]).isCloseTo(1.0, within(0.06));
    }

    /** vLLM: shape = burstiness, scale = 1/(rate·burstiness), so mean = 1/rate and CV² = 1/burstiness. */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 1, 2, 5})
    void gammaGapsHaveMeanOneOverRateAndCvSquaredOneOverBurstiness(double burstiness) {
        double rps = 5;
        double[] moments = gapMoments(new ArrivalProcess.Gamma(rps, burstiness), 42);
        assertThat(moments[0]).isCloseTo(1 / rps, within(0.04 / rps));
        assertThat(moments[1]).isCloseTo(1 / burstiness, within(0.1 / burstiness));
    }

    /** Mean and CV² of 40,000 gaps. */
    private static double[] gapMoments(ArrivalProcess process, long seed) {
        long[] o = Schedules.build(process, LoadShape.stopAfter(new Extent.Requests(40_001)), seed).offsetsNs();
        double[] gaps = new double[o.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = (o[i + 1] - o[i]) / 1e9;
        }
        double mean = Arrays.stream(gaps).average().orElseThrow();
        double var = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / (gaps.length - 1);
        return new double[] {mean, var / (mean * mean)};
    }

    @ParameterizedTest
    @CsvSource({"10, 4", "40, 10", "3, 2"})
    void rampUpRaisesTheRateLinearlyThenHoldsIt(double rps, double rampS) {
        Schedule s = Schedules.build(new ArrivalProcess.ConstantRate(rps),
                LoadShape.stopAfter(new Extent.Seconds(rampS * 3)).withRampUp(rampS), 7);
        long[] o = s.offsetsNs();
        // a linear ramp delivers rps·t²/(2R) arrivals by t < R, then rps per second
        for (double f : new double[] {0.25, 0.5, 0.75, 1.0}) {
            double t = f * rampS;
            long arrived = Arrays.stream(o).filter(x -> x < t * NS).count();
            assertThat((double) arrived).isCloseTo(rps * t * t / (2 * rampS), within(1.0));
        }
        long afterRamp = Arrays.stream(o).filter(x -> x >= rampS * NS).count();
        assertThat((double) afterRamp).isCloseTo(rps * 2 * rampS, within(1.0));
    }

    @Test
    void warmupAndCooldownByCountMarkTheEnds() {
        Schedule s = Schedules.build(new ArrivalProcess.Poisson(100),
                LoadShape.stopAfter(new Extent.Requests(20)).withWarmup(new Extent.Requests(3), new Extent.Requests(2)), 3);
        assertThat(s.arrivals()).extracting(Arrival::portion).startsWith(Portion.WARMUP, Portion.WARMUP, Portion.WARMUP, Portion.MEASURED)
                .endsWith(Portion.MEASURED, Portion.COOLDOWN, Portion.COOLDOWN);
        assertThat(s.count(Portion.MEASURED)).isEqualTo(15);
    }

    @Test
    void warmupAndCooldownBySecondsFollowTheSendOffsets() {
        Schedule s = Schedules.build(new ArrivalProcess.ConstantRate(10),
                LoadShape.stopAfter(new Extent.Seconds(10)).withWarmup(new Extent.Seconds(1), new Extent.Seconds(2)), 3);
        assertThat(s.count(Portion.WARMUP)).isEqualTo(10);
        assertThat(s.count(Portion.COOLDOWN)).isEqualTo(20);
        assertThat(s.count(Portion.MEASURED)).isEqualTo(70);
        assertThat(s.arrivals()).filteredOn(a -> a.portion() == Portion.MEASURED)
                .allMatch(a -> a.offsetNs() >= NS && a.offsetNs() < 8 * NS);
    }

    @Test
    void concurrencyCapTravelsWithTheShape() {
        Schedule s = Schedules.build(new ArrivalProcess.ConstantRate(10),
                LoadShape.stopAfter(new Extent.Requests(5)).withMaxConcurrency(2), 1);
        assertThat(s.shape().maxConcurrency()).isEqualTo(2);
    }

    @Test
    void badInputsNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> new ArrivalProcess.Poisson(0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rate").hasMessageContaining("fix");
        assertThatThrownBy(() -> new ArrivalProcess.Gamma(1, -1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("burstiness");
        assertThatThrownBy(() -> new ArrivalProcess.Closed(0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> LoadShape.stopAfter(new Extent.Requests(0))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--requests");
        assertThatThrownBy(() -> Schedules.build(new ArrivalProcess.Closed(2), LoadShape.stopAfter(new Extent.Requests(3)), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no schedule (null) to Loads.run");
        assertThatThrownBy(() -> Schedules.build(new ArrivalProcess.ConstantRate(1e9), LoadShape.stopAfter(new Extent.Seconds(3600)), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lower --rate");
    }
}
