package io.lem.llamacpp.serve;

import com.sun.net.httpserver.HttpExchange;
import io.lem.llamacpp.gguf.GgufInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama-compatible {@code /api/chat}, {@code /api/generate} and {@code /api/tags}: NDJSON streams ending in
 * an object with {@code done: true}, token counts and durations in nanoseconds.
 */
final class OllamaApi {
    private final Engine engine;
    private final String modelName;
    private final GgufInfo info;
    private final long fileBytes;
    private final Instant modifiedAt;

    OllamaApi(Engine engine, String modelName, GgufInfo info, long fileBytes, Instant modifiedAt) {
        this.engine = engine;
        this.modelName = modelName;
        this.info = info;
        this.fileBytes = fileBytes;
        this.modifiedAt = modifiedAt;
    }

    void chat(HttpExchange exchange, long receivedNs) throws IOException {
        JsonNode body = Http.readJson(exchange);
        List<ChatMessage> messages = RequestFields.messages(body);
        respond(exchange, body, engine.chatPrompt(messages), true, receivedNs);
    }

    void generate(HttpExchange exchange, long receivedNs) throws IOException {
        JsonNode body = Http.readJson(exchange);
        String prompt = RequestFields.prompt(body, "prompt");
        // Like Ollama, wrap the prompt in the chat template unless the client asks for raw text.
        if (!RequestFields.bool(body, "raw", false)) {
            String system = body.path("system").asString("");
            prompt = engine.chatPrompt(system.isEmpty()
                    ? List.of(new ChatMessage("user", prompt))
                    : List.of(new ChatMessage("system", system), new ChatMessage("user", prompt)));
        }
        respond(exchange, body, prompt, false, receivedNs);
    }

    void tags(HttpExchange exchange) throws IOException {
        ObjectNode model = Http.object();
        model.put("name", modelName);
        model.put("model", modelName);
        model.put("modified_at", modifiedAt.toString());
        model.put("size", fileBytes);
        model.put("digest", "");
        ObjectNode details = model.putObject("details");
        details.put("format", "gguf");
        details.put("family", info.architecture());
        details.put("parameter_size", "");
        details.put("quantization_level", fileType());
        ObjectNode body = Http.object();
        body.putArray("models").add(model);
        Http.sendJson(exchange, 200, body);
    }

    private String fileType() {
        long type = info.number("general.file_type").orElse(-1);
        return type == 0 ? "F32" : type == 1 ? "F16" : type < 0 ? "unknown" : "type " + type;
    }

    private void respond(HttpExchange exchange, JsonNode body, String prompt, boolean chat, long receivedNs)
            throws IOException {
        JsonNode options = body.path("options");
        GenerationRequest request = new GenerationRequest(prompt,
                numPredict(options),
                RequestFields.bool(options, "ignore_eos", false),
                RequestFields.integer(options, "seed"),
                RequestFields.number(options, "temperature", 0, 2),
                RequestFields.number(options, "top_p", 0, 1),
                RequestFields.strings(options, "stop"));
        boolean stream = RequestFields.bool(body, "stream", true);
        Engine.Plan plan = engine.plan(request);
        if (!stream) {
            GenerationResult result = engine.generate(plan, receivedNs, text -> { });
            Http.sendJson(exchange, 200, done(line(chat, result.text()), result));
            return;
        }
        try (Http.Stream out = new Http.Stream(exchange, "application/x-ndjson")) {
            GenerationResult result;
            try {
                result = engine.generate(plan, receivedNs, text -> {
                    ObjectNode line = line(chat, text);
                    line.put("done", false);
                    out.ndjson(line);
                });
            } catch (RuntimeException e) {
                // the 200 is already sent: Ollama reports a failure mid-stream as a final {"error": ...} line
                ObjectNode error = Http.object();
                error.put("error", "generation failed: " + e.getMessage());
                out.ndjson(error);
                return;
            }
            out.ndjson(done(line(chat, ""), result));
        }
    }

    /** Ollama's {@code num_predict}: -1 (or absent) means no limit, -2 "fill the context"; both fill the slot. */
    private static int numPredict(JsonNode options) {
        JsonNode v = options.path("num_predict");
        if (v.isIntegralNumber() && (v.intValue() == -1 || v.intValue() == -2)) {
            return -1;
        }
        return RequestFields.count(options, "num_predict", -1);
    }

    private ObjectNode line(boolean chat, String text) {
        ObjectNode line = Http.object();
        line.put("model", modelName);
        line.put("created_at", Instant.now().toString());
        if (chat) {
            ObjectNode message = line.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
        } else {
            line.put("response", text);
        }
        return line;
    }

    /**
     * The closing object. load_duration is the time spent before the engine took the request (the model is
     * loaded once at start-up, as in a warm Ollama); total = load + prompt_eval + eval.
     */
    private static ObjectNode done(ObjectNode line, GenerationResult result) {
        line.put("done", true);
        line.put("done_reason", result.finishReason().toLowerCase(Locale.ROOT));
        line.put("total_duration", result.totalNs());
        line.put("load_duration", result.queueNs());
        line.put("prompt_eval_count", result.promptTokens());
        line.put("prompt_eval_duration", result.promptEvalNs());
        line.put("eval_count", result.completionTokens());
        line.put("eval_duration", result.evalNs());
        return line;
    }
}
