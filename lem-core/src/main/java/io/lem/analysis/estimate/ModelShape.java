package io.lem.analysis.estimate;

import java.util.List;

import io.lem.analysis.flops.Architecture;

/**
 * What a prediction needs to know of a model: its architecture (FLOPs, KV cache size), the bytes of its weights as
 * stored (a quantised GGUF moves fewer bytes for the same FLOPs, the methodology), and the bytes of one cached K or V
 * element.
 *
 * @param assumptions how the byte figures were obtained (e.g. "GGUF file size taken as the weight bytes")
 */
public record ModelShape(Architecture architecture, double weightBytes, double kvBytesPerElement,
                         List<String> assumptions) {

    public ModelShape {
        if (!(weightBytes > 0) || !(kvBytesPerElement > 0)) {
            throw new IllegalArgumentException("weight bytes and KV element bytes must be positive");
        }
        assumptions = List.copyOf(assumptions);
    }

    /** KV cache bytes per token of context: 2·L·h_kv·d_h elements. */
    public double kvBytesPerToken() {
        return architecture.kvElementsPerToken() * kvBytesPerElement;
    }
}
