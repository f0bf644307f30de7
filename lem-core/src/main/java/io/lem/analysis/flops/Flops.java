package io.lem.analysis.flops;

/**
 * Forward-pass FLOPs of a decoder, exactly as docs/methodology.md "FLOPs" section states them (the methodology's tiers,
 * with the attention term and the logits made explicit):
 * <ul>
 *   <li>per token at position t (1-based): 2·L·N_layer + 4·L·t·d (scores Q·Kᵀ and the weighted sum of V over t
 *       positions, 2·t·d FLOPs each per layer); logits 2·d·V only for tokens whose logits are computed;</li>
 *   <li>prefill of P tokens = 2·L·N_layer·P + 2·L·d·P·(P+1) + 2·d·V (Σ_{t=1..P} 4·L·t·d, and one logit row for
 *       the last prompt token);</li>
 *   <li>decode of G tokens = Σ_{t=P+1..P+G} (2·L·N_layer + 4·L·t·d + 2·d·V).</li>
 * </ul>
 * Quantised weights: FLOPs at compute precision (dequantisation happens before the matrix products, the methodology).
 * Doubles, not longs: a 70B model's long prefill passes 10^16, and doubles are exact to 2^53 for the small shapes
 * the tests compute by hand.
 */
public final class Flops {

    private Flops() {
    }

    /** Matrix FLOPs of one token through every layer: 2·L·N_layer. */
    public static double tokenMatrixFlops(Architecture a) {
        return 2.0 * a.layers() * a.layerParameters();
    }

    /** Attention FLOPs of the token at position t: 4·L·t·d. */
    public static double attentionFlops(Architecture a, long position) {
        checkPosition(position);
        return 4.0 * a.layers() * position * a.hiddenSize();
    }

    /** The logit projection of one token: 2·d·V. */
    public static double logitFlops(Architecture a) {
        return 2.0 * a.hiddenSize() * a.vocabSize();
    }

    /** One generated token at position t: matrices, attention over t positions and its logits. */
    public static double decodeTokenFlops(Architecture a, long position) {
        return tokenMatrixFlops(a) + attentionFlops(a, position) + logitFlops(a);
    }

    /** Prefill of P prompt tokens: 2·L·N_layer·P + 2·L·d·P·(P+1) + 2·d·V. */
    public static double prefillFlops(Architecture a, long promptTokens) {
        if (promptTokens < 1) {
            throw new IllegalArgumentException("a prefill needs at least one prompt token, got " + promptTokens);
        }
        double p = promptTokens;
        return tokenMatrixFlops(a) * p + 2.0 * a.layers() * a.hiddenSize() * p * (p + 1) + logitFlops(a);
    }

    /**
     * Decode of G tokens after P prompt tokens, the sum over t = P+1..P+G in closed form:
     * G·(2·L·N_layer + 2·d·V) + 4·L·d·(G·P + G·(G+1)/2).
     */
    public static double decodeFlops(Architecture a, long promptTokens, long generatedTokens) {
        if (promptTokens < 0 || generatedTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: P=" + promptTokens + ", G="
                    + generatedTokens);
        }
        double g = generatedTokens;
        double positions = g * promptTokens + g * (g + 1) / 2;
        return g * (tokenMatrixFlops(a) + logitFlops(a)) + 4.0 * a.layers() * a.hiddenSize() * positions;
    }

    private static void checkPosition(long position) {
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1, got " + position);
        }
    }
}
