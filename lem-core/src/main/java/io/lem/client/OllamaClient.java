package io.lem.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.time.Clock;

/**
 * Ollama's native {@code /api/chat} or {@code /api/generate}: NDJSON lines ending with {@code done: true}, whose
 * closing object carries the engine's token counts and durations (kept as {@link EngineTimings}).
 */
public final class OllamaClient implements InferenceClient {

    private final HttpTransport transport;
    private final URI endpoint;
    private final boolean chat;
    private final OllamaReader reader;

    /** @param chat true for {@code /api/chat}, false for {@code /api/generate} */
    public OllamaClient(HttpClient http, ClientOptions options, Clock clock, boolean chat) {
        this.transport = new HttpTransport(http, clock, options);
        this.endpoint = options.endpoint(chat ? "/api/chat" : "/api/generate");
        this.chat = chat;
        this.reader = new OllamaReader(chat, options.stream());
    }

    @Override
    public RequestRecord send(PromptRequest request) {
        ClientOptions options = transport.options();
        return transport.exchange(request, endpoint, Json.MAPPER.writeValueAsString(body(options, request, chat)),
                accept(options), reader);
    }

    static String accept(ClientOptions options) {
        return options.stream() ? "application/x-ndjson" : "application/json";
    }

    /** The request body, in a stable field order (the event loop sends the same bytes). */
    static Map<String, Object> body(ClientOptions options, PromptRequest request, boolean chat) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", options.model());
        if (chat) {
            body.put("messages", request.chatMessages());
        } else {
            List<ChatMessage> turns = request.chatMessages();
            String system = String.join("\n\n", turns.stream().filter(m -> m.role().equals("system"))
                    .map(ChatMessage::content).toList());
            body.put("prompt", String.join("\n\n", turns.stream().filter(m -> !m.role().equals("system"))
                    .map(ChatMessage::content).toList()));
            if (!system.isEmpty()) {
                body.put("system", system);
            }
        }
        body.put("stream", options.stream());
        Map<String, Object> engineOptions = new LinkedHashMap<>();
        if (request.maxOutputTokens() > 0) {
            engineOptions.put("num_predict", request.maxOutputTokens());
        }
        if (options.ignoreEos()) {
            engineOptions.put("ignore_eos", true); // honoured by lem serve; Ollama warns and ignores it
        }
        engineOptions.put("temperature", 0);
        engineOptions.put("seed", request.seed());
        body.put("options", engineOptions);
        return body;
    }
}
