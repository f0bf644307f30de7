package io.lem.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.lem.client.EngineTimings;
import io.lem.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * Streams one chat turn from an OpenAI-compatible ({@code /v1/chat/completions}, SSE) or Ollama ({@code /api/chat},
 * NDJSON) server, handing every text chunk to the page as it arrives. lem-core's clients time chunks but drop their
 * text; the Lab must show it, so it reads the stream itself, on the same clock as the meters.
 */
public final class ChatStream {

    private final HttpClient http;
    private final URI baseUrl;
    private final String api;
    private final Clock clock;
    private final Duration timeout;

    public ChatStream(HttpClient http, URI baseUrl, String api, Clock clock, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.api = api;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Sends {@code c}; never throws for a failed request (its exchange says why); {@code cancel} stops reading. */
    public ChatExchange send(Composition c, ChatExchange.TextListener listener, BooleanSupplier cancel) {
        boolean ollama = api.equals("ollama");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", c.model());
        body.put("messages", c.messages());
        body.put("stream", true);
        if (ollama) {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("temperature", c.temperature());
            options.put("num_predict", c.maxTokens());
            if (c.seed() != null) {
                options.put("seed", c.seed());
            }
            body.put("options", options);
            body.put("think", c.thinking());
        } else {
            body.put("max_tokens", c.maxTokens());
            body.put("temperature", c.temperature());
            body.put("stream_options", Map.of("include_usage", true));
            if (c.seed() != null) {
                body.put("seed", c.seed());
            }
        }
        URI uri = URI.create(strip(baseUrl.toString()) + (ollama ? "/api/chat" : "/v1/chat/completions"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", ollama ? "application/x-ndjson" : "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(LabJson.write(body))).build();
        Reading r = new Reading(clock, listener);
        r.sendNs = clock.nanoTime();
        if (cancel.getAsBoolean()) {
            return r.cancelled(); // cancelled during the baseline: nothing is sent
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    String text = in.lines().limit(5).reduce("", (a, b) -> a + b);
                    return r.fail("HTTP " + response.statusCode() + " from " + uri + ": " + abbreviate(text));
                }
                String line;
                while ((line = in.readLine()) != null) {
                    if (cancel.getAsBoolean()) {
                        return r.cancelled();
                    }
                    String data = ollama ? line.strip() : line.startsWith("data:") ? line.substring(5).strip() : "";
                    if (data.isEmpty()) {
                        continue;
                    }
                    if (data.equals("[DONE]")) {
                        return r.done();
                    }
                    JsonNode event = LabJson.readOrNull(data);
                    if (event == null) {
                        return r.fail("malformed event from the engine: " + abbreviate(data));
                    }
                    if (event.has("error")) {
                        return r.fail("engine error: " + abbreviate(event.get("error").toString()));
                    }
                    if (ollama ? r.ollama(event) : r.openAi(event)) {
                        return r.done();
                    }
                }
                return ollama ? r.fail("stream ended before done") : r.fail("stream ended without [DONE]");
            }
        } catch (IOException e) {
            return r.fail("could not reach " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return r.cancelled();
        }
    }

    private static String strip(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b.endsWith("/v1") ? b.substring(0, b.length() - 3) : b;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The state of one stream being read. */
    private static final class Reading {
        private final Clock clock;
        private final ChatExchange.TextListener listener;
        private final StringBuilder answer = new StringBuilder();
        private final StringBuilder thinking = new StringBuilder();
        long sendNs;
        long firstNs = -1;
        int contentChunks;
        int thinkingChunks;
        int promptTokens = -1;
        int completionTokens = -1;
        EngineTimings timings;

        Reading(Clock clock, ChatExchange.TextListener listener) {
            this.clock = clock;
            this.listener = listener;
        }

        void text(String t, boolean isThinking) {
            if (t.isEmpty()) {
                return;
            }
            if (firstNs < 0) {
                firstNs = clock.nanoTime();
            }
            (isThinking ? thinking : answer).append(t);
            if (isThinking) {
                thinkingChunks++;
            } else {
                contentChunks++;
            }
            listener.text(t, isThinking);
        }

        boolean openAi(JsonNode event) {
            JsonNode delta = event.path("choices").path(0).path("delta");
            String reasoning = str(delta.path("reasoning_content"));
            text(reasoning.isEmpty() ? str(delta.path("reasoning")) : reasoning, true);
            text(str(delta.path("content")), false);
            JsonNode usage = event.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(-1);
                completionTokens = usage.path("completion_tokens").asInt(-1);
            }
            return false;
        }

        boolean ollama(JsonNode event) {
            JsonNode message = event.path("message");
            text(str(message.path("thinking")), true);
            text(str(message.path("content")), false);
            if (!event.path("done").asBoolean(false)) {
                return false;
            }
            promptTokens = event.path("prompt_eval_count").asInt(-1);
            completionTokens = event.path("eval_count").asInt(-1);
            timings = new EngineTimings(promptTokens, completionTokens, event.path("prompt_eval_duration").asLong(-1),
                    event.path("eval_duration").asLong(-1), event.path("load_duration").asLong(-1),
                    event.path("total_duration").asLong(-1));
            return true;
        }

        private static String str(JsonNode n) {
            return n.isString() ? n.stringValue() : "";
        }

        ChatExchange done() {
            return build(false, null);
        }

        ChatExchange fail(String error) {
            return build(false, error);
        }

        ChatExchange cancelled() {
            return build(true, null);
        }

        private ChatExchange build(boolean cancelled, String error) {
            boolean counted = completionTokens >= 0;
            // a server's completion count covers thinking tokens too: the visible answer is the rest
            int output = counted ? Math.max(0, completionTokens - thinkingChunks) : contentChunks;
            return new ChatExchange(sendNs, firstNs, clock.nanoTime(), answer.toString(), thinking.toString(),
                    promptTokens, output, thinkingChunks, counted, timings, cancelled, error);
        }
    }
}
