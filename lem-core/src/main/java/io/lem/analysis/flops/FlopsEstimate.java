package io.lem.analysis.flops;

import java.util.List;

/**
 * FLOPs of one request (or of a run: the sums over its requests), prefill and decode apart, with how they were
 * obtained. The JSON names follow the methodology ({@code flops_total}, {@code flops_method}, {@code flops_confidence}).
 *
 * @param prefillFlops prompt processing
 * @param decodeFlops  generation
 * @param tier         which formula
 * @param confidence   high: architecture with every field given; medium: architecture with a field defaulted
 *                     (listed in {@code assumptions}); low: parameter count
 * @param assumptions  what was assumed, for every place the figure is shown
 */
public record FlopsEstimate(double prefillFlops, double decodeFlops, Tier tier, Confidence confidence,
                            List<String> assumptions) {

    public FlopsEstimate {
        assumptions = List.copyOf(assumptions);
    }

    /** The two tiers of docs/methodology.md. */
    public enum Tier {
        /** The per-layer formula on the model's shape. */
        ARCHITECTURE("architecture"),
        /** 2·N per token: no attention term, no logits distinction. */
        PARAMETER_COUNT("parameter_count");

        private final String id;

        Tier(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public enum Confidence {
        HIGH, MEDIUM, LOW;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public double totalFlops() {
        return prefillFlops + decodeFlops;
    }

    /** Adds another request's estimate: the tier and confidence are the weaker of the two. */
    public FlopsEstimate plus(FlopsEstimate other) {
        Tier t = tier == Tier.PARAMETER_COUNT || other.tier == Tier.PARAMETER_COUNT ? Tier.PARAMETER_COUNT : tier;
        Confidence c = confidence.ordinal() >= other.confidence.ordinal() ? confidence : other.confidence;
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(assumptions);
        all.addAll(other.assumptions);
        return new FlopsEstimate(prefillFlops + other.prefillFlops, decodeFlops + other.decodeFlops, t, c,
                List.copyOf(all));
    }

    /** FLOP/J (the methodology's computational efficiency): total FLOPs / energy; NaN for no energy. */
    public double flopsPerJoule(double energyJ) {
        return energyJ > 0 ? totalFlops() / energyJ : Double.NaN;
    }

    /** FLOP/token (the methodology's model complexity): total FLOPs / tokens (state which tokens in the field name). */
    public double flopsPerToken(long tokens) {
        return tokens > 0 ? totalFlops() / tokens : Double.NaN;
    }
}
