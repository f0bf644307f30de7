package io.lem.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.lem.load.TokenCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Counts tokens with the engine's tokenizer through llama.cpp's {@code POST /tokenize} endpoint. */
public final class EngineTokenizer implements TokenCounter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http;
    private final URI endpoint;

    public EngineTokenizer(HttpClient http, URI baseUrl) {
        this.http = http;
        this.endpoint = baseUrl.resolve("/tokenize");
    }

    @Override
    public int count(String text) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", text))))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("POST /tokenize answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode tokens = JSON.readTree(response.body()).path("tokens");
            if (!tokens.isArray()) {
                throw new IOException("POST /tokenize answered without a tokens array: " + response.body());
            }
            return tokens.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
