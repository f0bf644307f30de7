package io.lem.analysis.estimate;

import java.util.ArrayList;
import java.util.List;

import io.lem.analysis.flops.Flops;
import io.lem.analysis.flops.FlopsEstimate;
import io.lem.analysis.flops.FlopsEstimator;

/**
 * Prediction before measurement (the inference energy protocol's non-runtime estimation) by the roofline rule (Williams, Waterman and
 * Patterson, "Roofline", CACM 2009): the time of a piece of work is max(FLOPs / peak FLOP/s, bytes / memory
 * bandwidth), and its energy is the device's power figure × that time.
 *
 * <p>For a point with P prompt tokens, G output tokens and b sequences decoding together (b = min(concurrency,
 * the engine's batch limit)):
 * <ul>
 *   <li>a decode step at the mean position t̄ = P + (G+1)/2 (attention FLOPs and KV bytes are linear in t, so the
 *       mean step is the mean of the steps) does b × (2·L·N_layer + 4·L·t̄·d + 2·d·V) FLOPs and moves the weights
 *       once plus b × t̄ × KV bytes per token;</li>
 *   <li>each request's prefill runs alone: prefill FLOPs of P tokens, the weights once plus P tokens of KV written;</li>
 *   <li>J/output-token = (E_prefill + G × power × step / b) / G.</li>
 * </ul>
 */
public final class Roofline {

    private Roofline() {
    }

    /** max(FLOPs / peak, bytes / bandwidth). */
    public static double timeS(double flops, double bytes, HardwareSpec hw) {
        return Math.max(flops / hw.peakFlopsPerS(), bytes / hw.memoryBandwidthBytesPerS());
    }

    /** power × time. */
    public static double energyJ(double flops, double bytes, HardwareSpec hw) {
        return hw.powerW() * timeS(flops, bytes, hw);
    }

    public static Prediction predict(ModelShape model, long promptTokens, long outputTokens, int batch,
                                     HardwareSpec hw) {
        if (outputTokens < 1 || batch < 1 || promptTokens < 1) {
            throw new IllegalArgumentException("a prediction needs P ≥ 1, G ≥ 1 and a batch ≥ 1, got P="
                    + promptTokens + ", G=" + outputTokens + ", b=" + batch);
        }
        var a = model.architecture();
        FlopsEstimate flops = FlopsEstimator.of(a, promptTokens, outputTokens);
        double meanPosition = promptTokens + (outputTokens + 1) / 2.0;
        double perToken = Flops.tokenMatrixFlops(a) + 4.0 * a.layers() * meanPosition * a.hiddenSize()
                + Flops.logitFlops(a);
        double stepFlops = batch * perToken;
        double stepBytes = model.weightBytes() + batch * meanPosition * model.kvBytesPerToken();
        double stepS = timeS(stepFlops, stepBytes, hw);
        String bound = stepFlops / hw.peakFlopsPerS() >= stepBytes / hw.memoryBandwidthBytesPerS()
                ? "compute" : "memory";
        double prefillS = timeS(flops.prefillFlops(), model.weightBytes() + promptTokens * model.kvBytesPerToken(), hw);
        double prefillJ = hw.powerW() * prefillS;
        double decodeJ = hw.powerW() * stepS / batch;
        double jPerToken = (prefillJ + outputTokens * decodeJ) / outputTokens;

        List<String> assumptions = new ArrayList<>();
        assumptions.add("prediction, not a measurement: roofline time = max(FLOPs / peak, bytes / bandwidth), "
                + "energy = power × time");
        assumptions.add(hw.name() + " at " + hw.powerW() + " W the whole time (TDP or the given power limit; no idle "
                + "or host power), peak " + hw.peakFlopsPerS() / 1e12 + " TFLOP/s " + hw.computePrecision() + ", "
                + hw.memoryBandwidthBytesPerS() / 1e9 + " GB/s; " + hw.source());
        assumptions.add("peak FLOP/s and bandwidth reached (real engines reach a fraction: the prediction is a lower "
                + "bound on time and energy at that power)");
        assumptions.add(batch + " sequence(s) decode together (min of concurrency and the engine's batch limit); "
                + "each prefill runs alone");
        assumptions.add("FLOPs: " + flops.tier().id() + " tier, " + flops.confidence().id() + " confidence");
        assumptions.addAll(flops.assumptions());
        assumptions.addAll(model.assumptions());
        return new Prediction(flops, stepFlops, stepBytes, bound, stepS, prefillS, prefillJ, decodeJ, jPerToken,
                batch / stepS, assumptions);
    }
}
