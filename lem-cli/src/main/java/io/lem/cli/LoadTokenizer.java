package io.lem.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.client.ClientOptions;
import io.lem.load.TokenCounter;
import io.lem.result.Json;
import tools.jackson.databind.JsonNode;

/**
 * The engine's own tokenizer through {@code POST /tokenize}, so synthetic prompts and the composition breakdown
 * count tokens the way the server does. One body serves both dialects: llama.cpp and lem serve read
 * {@code content}/{@code add_special}, vLLM and SGLang read {@code model}/{@code prompt}/{@code add_special_tokens};
 * each ignores the other's keys. Special tokens (BOS) are left out: they belong to the request, not to a part.
 */
final class LoadTokenizer implements TokenCounter {

    private final HttpClient http;
    private final ClientOptions options;

    private LoadTokenizer(HttpClient http, ClientOptions options) {
        this.http = http;
        this.options = options;
    }

    /** The tokenizer when the server answers {@code /tokenize}, else null (Ollama, OpenAI's own API). */
    static LoadTokenizer probe(HttpClient http, ClientOptions options) {
        LoadTokenizer tokenizer = new LoadTokenizer(http, options);
        try {
            return tokenizer.count("energy") > 0 ? tokenizer : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int count(String text) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", options.model());
        body.put("content", text);
        body.put("prompt", text);
        body.put("add_special", false);
        body.put("add_special_tokens", false);
        HttpRequest.Builder request = HttpRequest.newBuilder(options.endpoint("/tokenize")).timeout(options.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact().writeValueAsString(body)));
        if (options.apiKey() != null) {
            request.header("Authorization", "Bearer " + options.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + options.endpoint("/tokenize"), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + options.endpoint("/tokenize"));
        }
        JsonNode json;
        try {
            json = Json.compact().readTree(response.body());
        } catch (RuntimeException e) {
            throw new IOException(options.endpoint("/tokenize") + " answered no JSON", e);
        }
        if (json.path("count").isIntegralNumber()) {
            return json.get("count").intValue();
        }
        if (json.path("tokens").isArray()) {
            return json.get("tokens").size();
        }
        throw new IOException(options.endpoint("/tokenize") + " answered no tokens: " + response.body());
    }
}
