package io.lem.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.load.prompts.TokenCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts tokens with the engine's own tokenizer through {@code POST /tokenize}, so synthetic prompts and the
 * composition breakdown count tokens the way the server does. One body serves both dialects: llama.cpp and lem
 * serve read {@code content}/{@code add_special}, vLLM and SGLang read {@code model}/{@code prompt}/
 * {@code add_special_tokens}; each ignores the other's keys. Special tokens (BOS) are left out: they belong to the
 * request, not to a part of it.
 *
 * @param tokenizeUrl the engine's {@code /tokenize}
 * @param model       sent for vLLM and SGLang, which route by model; null when the server has one
 * @param apiKey      sent as a Bearer token, or null
 * @param timeout     per call
 */
public record EngineTokenizer(HttpClient http, URI tokenizeUrl, String model, String apiKey, Duration timeout)
        implements TokenCounter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The tokenizer of an engine at {@code baseUrl} (lem serve, llama.cpp's server). */
    public EngineTokenizer(HttpClient http, URI baseUrl) {
        this(http, baseUrl.resolve("/tokenize"), null, null, DEFAULT_TIMEOUT);
    }

    /** This tokenizer when the server answers {@code /tokenize}, else null (Ollama, OpenAI's own API). */
    public EngineTokenizer probe() {
        try {
            return count("energy") > 0 ? this : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int count(String text) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("content", text);
        body.put("prompt", text);
        body.put("add_special", false);
        body.put("add_special_tokens", false);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenizeUrl).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + tokenizeUrl, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("POST " + tokenizeUrl + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new IOException(tokenizeUrl + " answered no JSON", e);
        }
        if (json.path("count").isIntegralNumber()) {
            return json.get("count").intValue();
        }
        if (json.path("tokens").isArray()) {
            return json.get("tokens").size();
        }
        throw new IOException(tokenizeUrl + " answered no tokens: " + response.body());
    }
}
