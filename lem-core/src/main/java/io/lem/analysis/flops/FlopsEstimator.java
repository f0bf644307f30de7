package io.lem.analysis.flops;

import java.util.List;

/**
 * Picks the tier of docs/methodology.md for one request of P prompt and G generated tokens: the architecture formula
 * ({@link Flops}) when the shape is known, else 2·N·tokens from a parameter count.
 */
public final class FlopsEstimator {

    private FlopsEstimator() {
    }

    /** Architecture tier: high confidence unless a field took a default, then medium. */
    public static FlopsEstimate of(Architecture a, long promptTokens, long generatedTokens) {
        double prefill = promptTokens > 0 ? Flops.prefillFlops(a, promptTokens) : 0;
        double decode = Flops.decodeFlops(a, promptTokens, generatedTokens);
        FlopsEstimate.Confidence confidence = a.assumptions().isEmpty()
                ? FlopsEstimate.Confidence.HIGH : FlopsEstimate.Confidence.MEDIUM;
        return new FlopsEstimate(prefill, decode, FlopsEstimate.Tier.ARCHITECTURE, confidence, a.assumptions());
    }

    /** Parameter-count tier: 2·N·P for the prefill, 2·N·G for the decode; always low confidence. */
    public static FlopsEstimate ofParameters(double parameters, long promptTokens, long generatedTokens) {
        if (!(parameters > 0)) {
            throw new IllegalArgumentException("parameter count must be positive, got " + parameters);
        }
        return new FlopsEstimate(2 * parameters * promptTokens, 2 * parameters * generatedTokens,
                FlopsEstimate.Tier.PARAMETER_COUNT, FlopsEstimate.Confidence.LOW,
                List.of("2·N FLOPs per token from the parameter count: attention over the context and the logits "
                        + "are not modelled"));
    }
}
