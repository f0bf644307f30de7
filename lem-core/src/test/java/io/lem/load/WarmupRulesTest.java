package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one warm-up rule set: lem load's send-time classification and lem run's convergence, with their wording. */
class WarmupRulesTest {

    private static WarmupRules.Probe probe(double cv, int gauges, double slope) {
        return new WarmupRules.Probe() {
            @Override
            public double latencyCv(int window) {
                return cv;
            }

            @Override
            public WarmupRules.Thermal thermal() {
                return new WarmupRules.Thermal(gauges, slope);
            }
        };
    }

    @Test
    void countAndDurationClassifyAtSendTimeAsLoadPortionsDo() {
        WarmupRules count = WarmupRules.of(new Extent.Requests(3));
        assertThat(count.warm(2, Long.MAX_VALUE)).isTrue();
        assertThat(count.warm(3, 0)).isFalse();
        assertThat(count.adaptive()).isFalse();
        WarmupRules seconds = WarmupRules.of(new Extent.Seconds(1.5));
        assertThat(seconds.warm(1000, 1_499_999_999L)).isTrue();
        assertThat(seconds.warm(0, 1_500_000_000L)).isFalse();
        PortionRule rule = new PortionRule(new Extent.Requests(2), new Extent.Requests(1), 5, -1);
        assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> rule.classify(i, 0)).toList()).containsExactly(
                Portion.WARMUP, Portion.WARMUP, Portion.MEASURED, Portion.MEASURED, Portion.COOLDOWN);
        assertThatThrownBy(() -> WarmupRules.of(0, 0, 0.05, 5, false, 1, 60, 600).warm(9, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void convergenceRulesAreCheckedInOrderWithTodaysWording() {
        WarmupRules rules = WarmupRules.of(5, 10, 0.05, 8, true, 1.0, 60, 300);
        assertThat(rules.rules()).containsExactly(new WarmupRule.Count(5), new WarmupRule.Duration(10),
                new WarmupRule.LatencyCv(0.05, 8), new WarmupRule.Thermal(1.0, 60));
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
