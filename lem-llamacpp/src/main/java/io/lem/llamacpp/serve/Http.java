package io.lem.llamacpp.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON in and out of an {@link HttpExchange}, and streamed bodies (SSE or NDJSON) flushed per event. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_BYTES = 64 << 20;

    private Http() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Parses the body as a JSON object, or throws a 400 naming the problem. */
    static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        if (body.length == 0) {
            throw new ApiException(400, "request body is empty; send a JSON object", null);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "request body must be a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** OpenAI's error shape, which llama.cpp's server and vLLM also answer with. */
    static ObjectNode openAiError(int status, String message, String param) {
        ObjectNode error = object();
        error.put("message", message);
        error.put("type", status == 404 ? "not_found_error" : status >= 500 ? "server_error" : "invalid_request_error");
        error.put("param", param);
        error.putNull("code");
        ObjectNode body = object();
        body.set("error", error);
        return body;
    }

    /** Ollama's error shape: a plain string under "error". */
    static ObjectNode ollamaError(String message) {
        ObjectNode body = object();
        body.put("error", message);
        return body;
    }

    /** A chunked streaming response; each event is flushed so the client sees tokens as they come. */
    static final class Stream implements AutoCloseable {
        private final OutputStream out;

        Stream(HttpExchange exchange, String contentType) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            this.out = exchange.getResponseBody();
        }

        void sse(JsonNode data) throws IOException {
            sseRaw(JSON.writeValueAsString(data));
        }

        void sseRaw(String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void ndjson(JsonNode line) throws IOException {
            out.write(JSON.writeValueAsBytes(line));
            out.write('\n');
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
