package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void closedLoopRunsFromTheNthSendToTheLastSend() {
        long[] sends = {0, 0, 5, 9, 12, 20};
        SteadyState s = SteadyState.closedLoop(sends, 2).orElseThrow();
        assertThat(s.startNs()).isEqualTo(0);
        assertThat(s.endNs()).isEqualTo(20);
        SteadyState s3 = SteadyState.closedLoop(new long[] {3, 1, 2, 7}, 3).orElseThrow();
        assertThat(s3.startNs()).isEqualTo(3);
        assertThat(s3.endNs()).isEqualTo(7);
    }

    @Test
    void noSteadyStateWithoutMoreRequestsThanClients() {
        assertThat(SteadyState.closedLoop(new long[] {1, 2}, 2)).isEmpty();
        assertThat(SteadyState.closedLoop(new long[] {1, 1, 1}, 2)).isEmpty();
    }

    @Test
    void batchLimitRuleOfMlEnergyEndsAtNMinusBFirstTokens() {
        // ml-energy/benchmark: from B first tokens to N - B first tokens, N requests released at once
        long[] first = {60, 10, 50, 20, 40, 30, 70, 80};
        SteadyState.BatchLimitRule rule = SteadyState.batchLimit(first, 8, 2, 8, true);
        assertThat(rule.notApplicableBecause()).isNull();
        assertThat(rule.window().startNs()).isEqualTo(20);   // the 2nd first token
        assertThat(rule.window().endNs()).isEqualTo(60);     // the 8 - 2 = 6th first token, not a completion
    }

    @Test
    void batchLimitRuleSaysWhyItDoesNotApply() {
        long[] first = {10, 20, 30, 40, 50, 60};
        assertThat(SteadyState.batchLimit(first, 6, 3, 6, true).notApplicableBecause())
                .startsWith("6 requests <= 2 x batch limit 3");
        assertThat(SteadyState.batchLimit(first, 6, 2, 1, true).notApplicableBecause())
                .startsWith("concurrency 1 < batch limit 2");
        assertThat(SteadyState.batchLimit(first, 6, 2, 2, false).notApplicableBecause())
                .startsWith("requests were not released together");
        assertThat(SteadyState.batchLimit(first, 6, 0, 6, true).notApplicableBecause()).contains("unknown");
        assertThat(SteadyState.batchLimit(new long[] {10, 20, 30}, 6, 2, 6, true).notApplicableBecause())
                .startsWith("only 3 of 6");
        assertThat(SteadyState.batchLimit(first, 6, 2, 2, false).window()).isNull();
    }

    @Test
    void openLoopFromWarmupEndToLastArrival() {
        SteadyState s = SteadyState.openLoop(100, new long[] {150, 400, 300}).orElseThrow();
        assertThat(s.startNs()).isEqualTo(100);
        assertThat(s.endNs()).isEqualTo(400);
    }

    @Test
    void tokensInsideUseChunkTimesOrSpreadEvenlyOverAHalfOpenWindow() {
        RequestSpan even = new RequestSpan(0, 0, 100, 7, 10, null);
        assertThat(SteadyState.tokensInside(List.of(even), 0, 50)).isEqualTo(5.0);
        assertThat(SteadyState.tokensInside(List.of(even), 200, 300)).isZero();
        RequestSpan chunks = new RequestSpan(0, 0, 100, 7, 4, new long[] {0, 10, 90, 100});
        assertThat(SteadyState.tokensInside(List.of(chunks), 5, 95)).isEqualTo(2.0);
        assertThat(SteadyState.tokensInside(List.of(chunks), 0, 100)).as("the chunk at 100 is outside [0, 100)")
                .isEqualTo(3.0);
        assertThat(SteadyState.tokensInside(List.of(even, chunks), 0, 101)).isEqualTo(14.0);
        RequestSpan merged = new RequestSpan(0, 0, 100, 7, 8, new long[] {0, 50}); // 2 chunks carrying 8 tokens
        assertThat(SteadyState.tokensInside(List.of(merged), 0, 50)).isEqualTo(4.0);
        RequestSpan none = new RequestSpan(0, -1, 100, 7, 0, null);
        assertThat(SteadyState.tokensInside(List.of(none), 0, 100)).isZero();
    }
}
