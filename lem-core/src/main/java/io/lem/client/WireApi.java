package io.lem.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Each API the event loop speaks: its path, its Accept header, its body bytes and how its response reads. */
enum WireApi {
    OPENAI_CHAT("/v1/chat/completions"),
    OPENAI_COMPLETIONS("/v1/completions"),
    OLLAMA_CHAT("/api/chat"),
    OLLAMA_GENERATE("/api/generate");

    final String path;

    WireApi(String path) {
        this.path = path;
    }

    /** The API named in {@code --api}, or null for a name the event loop does not know. */
    static WireApi named(String api) {
        return switch (api == null ? "" : api) {
            case "openai" -> OPENAI_CHAT;
            case "openai-completions" -> OPENAI_COMPLETIONS;
            case "ollama" -> OLLAMA_CHAT;
            case "ollama-generate" -> OLLAMA_GENERATE;
            default -> null;
        };
    }

    String accept(ClientOptions options) {
        return ollama() ? OllamaClient.accept(options) : OpenAiBodies.accept(options);
    }

    /** Exactly the body the blocking client of this API sends. */
    byte[] body(ClientOptions options, PromptRequest request) {
        String json = switch (this) {
            case OLLAMA_CHAT, OLLAMA_GENERATE ->
                    Json.MAPPER.writeValueAsString(OllamaClient.body(options, request, this == OLLAMA_CHAT));
            case OPENAI_CHAT, OPENAI_COMPLETIONS -> {
                Map<String, Object> body = OpenAiBodies.common(options, request);
                if (this == OPENAI_CHAT) {
                    body.put("messages", request.chatMessages());
                } else {
                    body.put("prompt", request.completionText());
                }
                yield OpenAiBodies.json(body, options);
            }
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    WireDialect dialect() {
        return switch (this) {
            case OPENAI_CHAT -> new SseDialect(true);
            case OPENAI_COMPLETIONS -> new SseDialect(false);
            case OLLAMA_CHAT -> new NdjsonDialect(true);
            case OLLAMA_GENERATE -> new NdjsonDialect(false);
        };
    }

    private boolean ollama() {
        return this == OLLAMA_CHAT || this == OLLAMA_GENERATE;
    }
}
