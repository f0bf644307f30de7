package io.lem.analysis.estimate;

import java.util.List;

import io.lem.analysis.flops.FlopsEstimate;

/**
 * A predicted J/output-token of one point: a prediction, not a measurement, always shown with its assumptions.
 *
 * @param flops                   FLOPs of one request (prefill and decode), with tier and confidence
 * @param decodeStepFlops         FLOPs of one decode step of the whole batch at the mean position
 * @param decodeStepBytes         bytes moved by that step: the weights once, plus each sequence's KV cache
 * @param decodeBound             {@code memory} or {@code compute}: which roofline term is larger
 * @param decodeStepS             time of one decode step, max(FLOPs / peak, bytes / bandwidth)
 * @param prefillS                time of one request's prefill, by the same rule
 * @param prefillEnergyJ          power × prefillS
 * @param decodeJPerOutputToken   power × decodeStepS / batch
 * @param jPerOutputToken         (prefill energy + G × decode J/token) / G: the figure to compare with the measured
 *                                {@code joules_per_output_token}
 * @param outputTokensPerS        batch / decodeStepS
 * @param assumptions             every assumption, for every place the prediction is printed
 */
public record Prediction(FlopsEstimate flops, double decodeStepFlops, double decodeStepBytes, String decodeBound,
                         double decodeStepS, double prefillS, double prefillEnergyJ, double decodeJPerOutputToken,
                         double jPerOutputToken, double outputTokensPerS, List<String> assumptions) {

    public Prediction {
        assumptions = List.copyOf(assumptions);
    }
}
