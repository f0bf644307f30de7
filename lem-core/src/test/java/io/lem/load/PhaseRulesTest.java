package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.lem.config.ConfigException;

import org.junit.jupiter.api.Test;

/** The one phase rule set: send-time classification of warm-up and cool-down, lem run's convergence, its wording. */
class PhaseRulesTest {

    private static PhaseRules.Probe probe(double cv, int gauges, double slope) {
        return new PhaseRules.Probe() {
            @Override
            public double latencyCv(int window) {
                return cv;
            }

            @Override
            public PhaseRules.Thermal thermal() {
                return new PhaseRules.Thermal(gauges, slope);
            }
        };
    }

    @Test
    void countAndDurationClassifyAtSendTimeAsLoadPortionsDo() {
        PhaseRules count = PhaseRules.warmup(new Extent.Requests(3));
        assertThat(count.covers(2, Long.MAX_VALUE, -1, -1)).isTrue();
        assertThat(count.covers(3, 0, -1, -1)).isFalse();
        assertThat(count.adaptive()).isFalse();
        PhaseRules seconds = PhaseRules.warmup(new Extent.Seconds(1.5));
        assertThat(seconds.covers(1000, 1_499_999_999L, -1, -1)).isTrue();
        assertThat(seconds.covers(0, 1_500_000_000L, -1, -1)).isFalse();
        PortionRule rule = new PortionRule(new Extent.Requests(2), new Extent.Requests(1), 5, -1);
        assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> rule.classify(i, 0)).toList()).containsExactly(
                Portion.WARMUP, Portion.WARMUP, Portion.MEASURED, Portion.MEASURED, Portion.COOLDOWN);
        assertThatThrownBy(() -> PhaseRules.warmup(0, 0, 0.05, 5, false, 1, 60, 600).covers(9, 0, -1, -1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCooldownCountsBackFromTheStopInRequestsOrSeconds() {
        PhaseRules last2 = PhaseRules.cooldown(new Extent.Requests(2));
        assertThat(IntStream.range(0, 6).filter(i -> last2.covers(i, 0, 6, -1)).boxed().toList())
                .containsExactly(4, 5);
        PhaseRules last1s = PhaseRules.cooldown(new Extent.Seconds(1));
        assertThat(last1s.covers(0, 8_999_999_999L, -1, 10_000_000_000L)).isFalse();
        assertThat(last1s.covers(0, 9_000_000_000L, -1, 10_000_000_000L)).isTrue();
        assertThat(PhaseRules.cooldown(Extent.NONE).covers(5, 0, 6, -1)).isFalse();
        assertThatThrownBy(() -> last2.requireEnd(-1, 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("give the cool-down in seconds");
        assertThatThrownBy(() -> last1s.requireEnd(6, -1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("give the cool-down as a request count");
        assertThatThrownBy(() -> new PhaseRules(Portion.COOLDOWN, List.of(new PhaseRule.LatencyCv(0.1, 5)), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortionRule(last2, PhaseRules.warmup(Extent.NONE), 6, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convergenceRulesAreCheckedInOrderWithTodaysWording() {
        PhaseRules rules = PhaseRules.warmup(5, 10, 0.05, 8, true, 1.0, 60, 300);
        assertThat(rules.rules()).containsExactly(new PhaseRule.Count(5), new PhaseRule.Duration(10),
                new PhaseRule.LatencyCv(0.05, 8), new PhaseRule.Thermal(1.0, 60));
        assertThat(rules.count()).isEqualTo(5);
        assertThat(rules.countReason()).isEqualTo("count (5 requests)");
        List<String> warnings = new ArrayList<>();
        assertThat(rules.pending(9.9, probe(0.01, 1, 0), warnings)).isEqualTo("the 10 s minimum");
        assertThat(rules.pending(20, probe(Double.NaN, 1, 0), warnings)).isEqualTo("latency CV < 0.050 (now n/a)");
        assertThat(rules.pending(20, probe(0.2, 1, 0), warnings)).isEqualTo("latency CV < 0.050 (now 0.200)");
        assertThat(rules.pending(20, probe(0.01, 1, 0), warnings)).isEqualTo("the 60 s thermal minimum");
        assertThat(rules.pending(61, probe(0.01, 2, 1.5), warnings))
                .isEqualTo("temperature to settle below 1.00 C/min (now 1.50)");
        assertThat(rules.pending(61, probe(0.01, 2, 0.5), warnings)).isNull();
        assertThat(warnings).isEmpty();
        assertThat(rules.pending(61, probe(0.01, 0, Double.NaN), warnings)).isNull();
        assertThat(rules.pending(62, probe(0.01, 0, Double.NaN), warnings)).isNull();
        assertThat(warnings).containsExactly("thermal floor requested but no temperature gauge is sampled: skipped");
        assertThat(rules.convergedReason(61.24)).isEqualTo("duration + latency CV + thermal floor met after 61.2 s");
        assertThat(rules.capReason("the 10 s minimum")).isEqualTo("cap of 300 s reached while waiting for the 10 s minimum");
    }
}
