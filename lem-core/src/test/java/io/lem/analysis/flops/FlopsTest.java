package io.lem.analysis.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * docs/methodology.md's FLOPs formula on a tiny shape computed by hand, then its structure (a decode is the sum of its
 * tokens; a prefill grows by one token's cost per prompt token) on random shapes.
 */
class FlopsTest {

    /** L=2, d=8, h=2, h_kv=1 (d_h=4), f=16, V=10, SwiGLU. */
    static final Architecture TINY = new Architecture("test", 2, 8, 2, 1, 16, 10, true, false, List.of());

    @Test
    void layerParametersByHand() {
        // Q 8·8=64, K+V 2·8·1·4=64, O 64, FFN 3·8·16=384
        assertEquals(64 + 64 + 64 + 384, TINY.layerParameters());
        Architecture ungated = new Architecture("test", 2, 8, 2, 1, 16, 10, false, false, List.of());
        assertEquals(64 + 64 + 64 + 256, ungated.layerParameters());
    }

    @Test
    void parameterCountByHand() {
        // 2 layers × (576 + 2 norms of 8) + embedding 10·8 + untied output 10·8 + final norm 8
        assertEquals(2 * 592 + 80 + 80 + 8, TINY.parameterCount());
        Architecture tied = new Architecture("test", 2, 8, 2, 1, 16, 10, true, true, List.of());
        assertEquals(2 * 592 + 80 + 8, tied.parameterCount());
    }

    @Test
    void prefillByHand() {
        // P=3: matrices 2·2·576·3 = 6912; attention 4·2·8·(1+2+3) = 384; one logit row 2·8·10 = 160
        assertEquals(6912 + 384 + 160, Flops.prefillFlops(TINY, 3));
    }

    @Test
    void decodeByHand() {
        // P=3, G=2: t=4: 2304 + 4·2·4·8 (256) + 160 = 2720; t=5: 2304 + 320 + 160 = 2784
        assertEquals(2720 + 2784, Flops.decodeFlops(TINY, 3, 2));
        assertEquals(2720, Flops.decodeTokenFlops(TINY, 4));
        assertEquals(0, Flops.decodeFlops(TINY, 3, 0));
    }

    @Test
    void estimateCarriesTierAndConfidence() {
        FlopsEstimate e = FlopsEstimator.of(TINY, 3, 2);
        assertEquals(7456, e.prefillFlops());
        assertEquals(5504, e.decodeFlops());
        assertEquals(FlopsEstimate.Tier.ARCHITECTURE, e.tier());
        assertEquals(FlopsEstimate.Confidence.HIGH, e.confidence());
        assertEquals((7456 + 5504) / 5.0, e.flopsPerToken(5));
        assertEquals((7456 + 5504) / 2.0, e.flopsPerJoule(2.0));
        assertEquals(Double.NaN, e.flopsPerJoule(0));

        Architecture defaulted = new Architecture("test", 2, 8, 2, 2, 16, 10, true, false, List.of("kv heads"));
        assertEquals(FlopsEstimate.Confidence.MEDIUM, FlopsEstimator.of(defaulted, 3, 2).confidence());
    }

    @Test
    void parameterTierIsTwoNPerToken() {
        FlopsEstimate e = FlopsEstimator.ofParameters(1_000, 3, 2);
        assertEquals(6_000, e.prefillFlops());
        assertEquals(4_000, e.decodeFlops());
        assertEquals(FlopsEstimate.Confidence.LOW, e.confidence());
        FlopsEstimate sum = FlopsEstimator.of(TINY, 3, 2).plus(e);
        assertEquals(FlopsEstimate.Tier.PARAMETER_COUNT, sum.tier());
        assertEquals(FlopsEstimate.Confidence.LOW, sum.confidence());
        assertEquals(7456 + 5504 + 10_000, sum.totalFlops());
    }

    @Test
    void rejectsPositionZero() {
        assertThrows(IllegalArgumentException.class, () -> Flops.attentionFlops(TINY, 0));
        assertThrows(IllegalArgumentException.class, () -> Flops.prefillFlops(TINY, 0));
    }

    private static final SplittableRandom SEEDS = new SplittableRandom(9);

    /** A decode of G tokens is Σ_{t=P+1..P+G} of one token's cost; decoding 1 token at P is the token at P+1. */
    @RepeatedTest(20)
    void decodeIsTheSumOfItsTokens() {
        SplittableRandom r = SEEDS.split();
        Architecture a = random(r);
        long p = r.nextInt(0, 300);
        long g = r.nextInt(1, 200);
        double sum = 0;
        for (long t = p + 1; t <= p + g; t++) {
            sum += 2.0 * a.layers() * a.layerParameters() + 4.0 * a.layers() * t * a.hiddenSize()
                    + 2.0 * a.hiddenSize() * a.vocabSize();
        }
        assertEquals(sum, Flops.decodeFlops(a, p, g), sum * 1e-12);
        assertEquals(Flops.decodeTokenFlops(a, p + 1), Flops.decodeFlops(a, p, 1), sum * 1e-12);
    }

    /** Each prompt token adds its matrices and its attention over t positions; the one logit row stays. */
    @RepeatedTest(20)
    void prefillGrowsByOneTokenPerPromptToken() {
        SplittableRandom r = SEEDS.split();
        Architecture a = random(r);
        long p = r.nextInt(2, 500);
        double step = Flops.prefillFlops(a, p) - Flops.prefillFlops(a, p - 1);
        double expected = 2.0 * a.layers() * a.layerParameters() + 4.0 * a.layers() * p * a.hiddenSize();
        assertEquals(expected, step, Flops.prefillFlops(a, p) * 1e-12);
    }

    private static Architecture random(SplittableRandom r) {
        int kv = 1 << r.nextInt(0, 3);
        int heads = kv * r.nextInt(1, 5);
        int headDim = 8 * r.nextInt(1, 9);
        return new Architecture("random", r.nextInt(1, 40), heads * headDim, heads, kv, r.nextInt(16, 5000),
                r.nextInt(100, 200_000), r.nextBoolean(), r.nextBoolean(), List.of());
    }
}
