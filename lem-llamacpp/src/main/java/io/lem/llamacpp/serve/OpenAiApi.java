package io.lem.llamacpp.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI-compatible {@code /v1/chat/completions}, {@code /v1/completions} and {@code /v1/models}. */
final class OpenAiApi {
    private final Engine engine;
    private final String modelName;
    private final long createdS;

    OpenAiApi(Engine engine, String modelName, long createdS) {
        this.engine = engine;
        this.modelName = modelName;
        this.createdS = createdS;
    }

    void chat(HttpExchange exchange, long receivedNs) throws IOException {
        JsonNode body = Http.readJson(exchange);
        List<ChatMessage> messages = RequestFields.messages(body);
        int maxTokens = RequestFields.count(body, "max_completion_tokens", RequestFields.count(body, "max_tokens", -1));
        complete(exchange, body, engine.chatPrompt(messages), maxTokens, true, receivedNs);
    }

    void completions(HttpExchange exchange, long receivedNs) throws IOException {
        JsonNode body = Http.readJson(exchange);
        String prompt = RequestFields.prompt(body, "prompt");
        complete(exchange, body, prompt, RequestFields.count(body, "max_tokens", -1), false, receivedNs);
    }

    void models(HttpExchange exchange) throws IOException {
        ObjectNode model = Http.object();
        model.put("id", modelName);
        model.put("object", "model");
        model.put("created", createdS);
        model.put("owned_by", "lem");
        ObjectNode body = Http.object();
        body.put("object", "list");
        body.putArray("data").add(model);
        Http.sendJson(exchange, 200, body);
    }

    private void complete(HttpExchange exchange, JsonNode body, String prompt, int maxTokens, boolean chat,
                          long receivedNs) throws IOException {
        GenerationRequest request = new GenerationRequest(prompt, maxTokens,
                RequestFields.bool(body, "ignore_eos", false),
                RequestFields.integer(body, "seed"),
                RequestFields.number(body, "temperature", 0, 2),
                RequestFields.number(body, "top_p", 0, 1),
                RequestFields.strings(body, "stop"));
        boolean stream = RequestFields.bool(body, "stream", false);
        boolean includeUsage = RequestFields.bool(body.path("stream_options"), "include_usage", false);
        Engine.Plan plan = engine.plan(request);
        Envelope env = new Envelope((chat ? "chatcmpl-" : "cmpl-") + randomId(),
                chat ? "chat.completion" : "text_completion", System.currentTimeMillis() / 1000, chat);
        if (!stream) {
            GenerationResult result = engine.generate(plan, receivedNs, text -> { });
            ObjectNode response = env.root(false);
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            if (chat) {
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                message.put("content", result.text());
            } else {
                choice.put("text", result.text());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", result.finishReason());
            response.set("usage", usage(result));
            Http.sendJson(exchange, 200, response);
            return;
        }
        try (Http.Stream out = new Http.Stream(exchange, "text/event-stream")) {
            if (chat) {
                ObjectNode first = env.chunk(includeUsage);
                ObjectNode delta = delta(first);
                delta.put("role", "assistant");
                delta.put("content", "");
                out.sse(first);
            }
            GenerationResult result;
            try {
                result = engine.generate(plan, receivedNs, text -> {
                    ObjectNode chunk = env.chunk(includeUsage);
                    if (chat) {
                        delta(chunk).put("content", text);
                    } else {
                        ((ObjectNode) chunk.path("choices").get(0)).put("text", text);
                    }
                    out.sse(chunk);
                });
            } catch (RuntimeException e) {
                // the 200 is already sent: report the failure as an error event, as vLLM and llama.cpp do
                ObjectNode error = Http.object();
                ObjectNode detail = error.putObject("error");
                detail.put("message", "generation failed: " + e.getMessage());
                detail.put("type", "server_error");
                out.sse(error);
                return;
            }
            ObjectNode last = env.chunk(includeUsage);
            ObjectNode lastChoice = (ObjectNode) last.path("choices").get(0);
            if (chat) {
                lastChoice.putObject("delta");
            } else {
                lastChoice.put("text", "");
            }
            lastChoice.put("finish_reason", result.finishReason());
            out.sse(last);
            if (includeUsage) {
                ObjectNode usageChunk = env.root(true);
                usageChunk.putArray("choices");
                usageChunk.set("usage", usage(result));
                out.sse(usageChunk);
            }
            out.sseRaw("[DONE]");
        }
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return ((ObjectNode) chunk.path("choices").get(0)).putObject("delta");
    }

    private static ObjectNode usage(GenerationResult result) {
        ObjectNode usage = Http.object();
        usage.put("prompt_tokens", result.promptTokens());
        usage.put("completion_tokens", result.completionTokens());
        usage.put("total_tokens", result.totalTokens());
        return usage;
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The fields every response or chunk of one completion shares. */
    private final class Envelope {
        private final String id;
        private final String object;
        private final long createdS;
        private final boolean chat;

        Envelope(String id, String object, long createdS, boolean chat) {
            this.id = id;
            this.object = object;
            this.createdS = createdS;
            this.chat = chat;
        }

        ObjectNode root(boolean chunk) {
            ObjectNode n = Http.object();
            n.put("id", id);
            n.put("object", chunk && chat ? object + ".chunk" : object);
            n.put("created", createdS);
            n.put("model", modelName);
            return n;
        }

        /** A streamed chunk with one choice; OpenAI sends {@code "usage": null} on each when usage is requested. */
        ObjectNode chunk(boolean includeUsage) {
            ObjectNode n = root(true);
            ArrayNode choices = n.putArray("choices");
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            if (includeUsage) {
                n.putNull("usage");
            }
            return n;
        }
    }
}
