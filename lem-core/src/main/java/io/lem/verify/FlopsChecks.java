package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * FLOPs recomputed from requests.jsonl's prompt and completion tokens and the shape recorded under
 * {@code methods.architecture}, with this package's own arithmetic (docs/methodology.md, "FLOPs"): per request
 * prefill = P·(2·L·N_layer) + 2·L·d·P·(P+1) + 2·d·V (none for P = 0), decode = Σ_{t=P+1..P+G} (2·L·N_layer + 4·L·t·d
 * + 2·d·V), N_layer = 2·d² + 2·d·h_kv·(d/h) + (3 gated | 2)·d·f; or, with only {@code methods.model_params} N,
 * prefill = 2·N·P and decode = 2·N·G.
 */
final class FlopsChecks {

    private FlopsChecks() {
    }

    static List<Check> checks(Recompute r) {
        JsonNode arch = r.files.result().at(ARCHITECTURE);
        String problem = r.files.requests().problem();
        Recomputed prefill;
        Recomputed decode;
        JsonNode parameters = r.files.result().at(MODEL_PARAMS);
        if (problem != null && (arch.isObject() || parameters.isNumber())) {
            prefill = Recomputed.none(problem);
            decode = prefill;
        } else if (!arch.isObject() && parameters.isNumber()) {
            // the parameter-count tier: 2·N per prompt token and per generated token
            double n = parameters.asDouble();
            prefill = Recomputed.of(2 * n * r.measuredOk.stream().mapToDouble(RequestRows.Request::promptTokens).sum());
            decode = Recomputed.of(2 * n * r.measuredOk.stream().mapToDouble(RequestRows.Request::completionTokens)
                    .sum());
        } else if (!arch.isObject()) {
            prefill = Recomputed.none("no architecture recorded under methods.architecture, nor methods.model_params");
            decode = prefill;
        } else {
            double l = arch.path("layers").asDouble();
            double d = arch.path("hidden_size").asDouble();
            double kvWidth = arch.path("kv_heads").asDouble() * (d / arch.path("heads").asDouble());
            double layer = 2 * d * d + 2 * d * kvWidth + (arch.path("gated").asBoolean() ? 3 : 2) * d
                    * arch.path("ffn_size").asDouble();
            double matrices = 2 * l * layer;
            double logits = 2 * d * arch.path("vocab_size").asDouble();
            double p = 0;
            double g = 0;
            for (RequestRows.Request q : r.measuredOk) {
                double pt = q.promptTokens();
                double gt = q.completionTokens();
                if (pt > 0) {
                    p += pt * matrices + 2 * l * d * pt * (pt + 1) + logits;
                }
                // Σ t for t = P+1..P+G = G·P + G·(G+1)/2
                g += gt * (matrices + logits) + 4 * l * d * (gt * pt + gt * (gt + 1) / 2);
            }
            prefill = Recomputed.of(p);
            decode = Recomputed.of(g);
        }
        return List.of(check(r, FLOPS_PREFILL, prefill), check(r, FLOPS_DECODE, decode),
                check(r, FLOPS_TOTAL, prefill.combine(decode, Double::sum)));
    }

    private static Check check(Recompute r, String field, Recomputed recomputed) {
        return Check.of(Fields.figure(METRICS + field), r.files.reported(METRICS + field), recomputed,
                Tolerances.DEFAULT);
    }
}
