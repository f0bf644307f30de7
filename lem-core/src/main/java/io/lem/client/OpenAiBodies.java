package io.lem.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fields both OpenAI endpoints share, in a stable order. */
final class OpenAiBodies {
    private OpenAiBodies() {
    }

    static Map<String, Object> common(ClientOptions options, PromptRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", options.model());
        if (request.maxOutputTokens() > 0) {
            body.put("max_tokens", request.maxOutputTokens());
        }
        if (options.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        if (request.minOutputTokens() > 0) {
            body.put("min_tokens", request.minOutputTokens());
        }
        // Greedy and seeded: the same prompt gives the same output length on every repetition.
        body.put("temperature", 0);
        body.put("seed", request.seed());
        body.put("stream", options.stream());
        return body;
    }

    static String json(Map<String, Object> body, ClientOptions options) {
        if (options.stream()) {
            body.put("stream_options", Map.of("include_usage", true));
        }
        return Json.MAPPER.writeValueAsString(body);
    }

    static String accept(ClientOptions options) {
        return options.stream() ? "text/event-stream" : "application/json";
    }
}
