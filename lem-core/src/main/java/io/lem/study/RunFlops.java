package io.lem.study;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lem.analysis.flops.Architecture;
import io.lem.analysis.flops.FlopsEstimate;
import io.lem.analysis.flops.FlopsEstimator;
import io.lem.client.RequestRecord;
import io.lem.config.EngineConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.PreparedModel;

import static io.lem.result.ResultFields.*;

/**
 * FLOPs of a run's measured ok requests: Σ prefill(P_r) + decode(P_r, G_r), each request with its own prompt and
 * completion tokens (methodology.md, "FLOPs"). The architecture tier when the engine describes the model's shape; else the
 * parameter-count tier (2·N per token, low confidence) when the study gives {@value #MODEL_PARAMS}; else a null
 * estimate with the reason.
 *
 * @param parameters the parameter count the estimate used; null unless the parameter-count tier was used
 */
record RunFlops(Architecture architecture, Long parameters, FlopsEstimate estimate, String unavailableReason) {

    static final String MODEL_PARAMS = "engine.model_params";

    /** Asks the driver for the shape; a model file it cannot describe costs the FLOPs figures, never the run. */
    static RunFlops of(EngineDriver driver, EngineConfig engine, PreparedModel model, List<RequestRecord> attributed) {
        Optional<Architecture> architecture;
        try {
            architecture = driver.architecture(engine, model);
        } catch (IOException | RuntimeException e) {
            return new RunFlops(null, null, null, "the model's architecture could not be read: " + e.getMessage());
        }
        if (architecture.isEmpty() && engine.option(MODEL_PARAMS) instanceof Number n) {
            return ofParameters(n.longValue(), attributed);
        }
        return of(architecture, attributed);
    }

    static RunFlops of(Optional<Architecture> architecture, List<RequestRecord> attributed) {
        if (architecture.isEmpty()) {
            return new RunFlops(null, null, null, "the engine driver could not describe the model's architecture (no "
                    + "GGUF file, no local config.json) and the study gives no " + MODEL_PARAMS);
        }
        Architecture a = architecture.get();
        return summed(attributed, r -> FlopsEstimator.of(a, r[0], r[1]), a, null);
    }

    /** The parameter-count tier for a model lem cannot see (a hub id): 2·N·P prefill, 2·N·G decode per request. */
    static RunFlops ofParameters(long parameters, List<RequestRecord> attributed) {
        return summed(attributed, r -> FlopsEstimator.ofParameters(parameters, r[0], r[1]), null, parameters);
    }

    private static RunFlops summed(List<RequestRecord> attributed,
                                   java.util.function.Function<long[], FlopsEstimate> perRequest,
                                   Architecture a, Long parameters) {
        FlopsEstimate sum = null;
        for (RequestRecord r : attributed) {
            FlopsEstimate e = perRequest.apply(new long[] {Math.max(0, r.promptTokens()),
                Math.max(0, r.completionTokens())});
            sum = sum == null ? e : sum.plus(e);
        }
        return new RunFlops(a, parameters, sum, sum == null ? "no measured request succeeded" : null);
    }

    /** methods.architecture: the shape the totals were computed from, so lem verify can recompute them. */
    Map<String, Object> architectureJson() {
        if (architecture == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(SOURCE, architecture.source());
        json.put(LAYERS, architecture.layers());
        json.put(HIDDEN_SIZE, architecture.hiddenSize());
        json.put(HEADS, architecture.heads());
        json.put(KV_HEADS, architecture.kvHeads());
        json.put(FFN_SIZE, architecture.ffnSize());
        json.put(VOCAB_SIZE, architecture.vocabSize());
        json.put(GATED, architecture.gated());
        json.put(TIED_EMBEDDINGS, architecture.tiedEmbeddings());
        json.put(ASSUMPTIONS, architecture.assumptions());
        return json;
    }
}
