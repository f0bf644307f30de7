package io.lem.study;

import java.util.List;
import java.util.Map;

import io.lem.analysis.stats.PointSummary;
import io.lem.plan.AdaptiveRule;
import io.lem.plan.Point;

/**
 * One study point across its cycles.
 *
 * @param dir       the point's directory name
 * @param cycles    the status of each cycle run so far, in cycle order
 * @param metrics   every headline metric ({@code joules_per_output_token}, …) over the measured cycles; empty when
 *                  none was measured
 * @param precision the adaptive rule's verdict on J/output-token; null in a study with fixed cycles
 * @param validity  the data checks of its measured cycles, and whether it is publishable
 * @param predicted the roofline prediction beside the measured J/output-token; null when the study was run
 *                  without predictions or nothing was measured
 * @param basis     the FLOPs tier and confidence and the carbon intensity's source behind those metrics
 */
public record PointResult(Point point, String dir, List<RunStatus> cycles, Map<String, PointSummary> metrics,
                          AdaptiveRule.Status precision, PointValidity validity, PredictedVsMeasured predicted,
                          FiguresBasis basis) {

    public PointResult {
        cycles = List.copyOf(cycles);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** The J/output-token summary, or null without a measured cycle. */
    public PointSummary joulesPerOutputToken() {
        return metrics.get(io.lem.result.ResultFields.JOULES_PER_OUTPUT_TOKEN);
    }

    public boolean precisionReached() {
        return precision == AdaptiveRule.Status.REACHED;
    }
}
