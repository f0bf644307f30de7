package io.lem.lab;

import java.util.ArrayList;
import java.util.List;

import io.lem.client.ChatMessage;
import io.lem.config.ConfigException;
import tools.jackson.databind.JsonNode;

/**
 * One chat turn as the user composed it: what the engine receives is the system prompt with every injection
 * appended, the conversation context in a {@code <conversation_context>} block, and the query.
 *
 * @param injections named pieces of text appended to the system prompt (retrieved documents, tool descriptions)
 * @param thinking   ask the model to think first (sent as {@code think} to Ollama; a hint in the system prompt
 *                   otherwise), its tokens counted apart from the visible answer
 * @param seed       sampling seed, null for the engine's own
 */
public record Composition(String model, String query, String systemPrompt, String context, List<Injection> injections,
                          boolean thinking, double temperature, int maxTokens, Long seed) {

    public static final int MAX_TOKENS_LIMIT = 8192;
    public static final int MAX_INJECTIONS = 32;

    /** A named injection: a description shown to the user and the text the model receives. */
    public record Injection(String description, String content) {
    }

    public Composition {
        injections = List.copyOf(injections);
    }

    /** The system prompt as sent: the base prompt, then each injection on its own paragraph. */
    public String fullSystemPrompt() {
        List<String> parts = new ArrayList<>();
        if (!systemPrompt.isBlank()) {
            parts.add(systemPrompt);
        }
        injections.forEach(i -> parts.add(i.content()));
        return String.join("\n\n", parts);
    }

    public String contextBlock() {
        return context.isBlank() ? "" : "<conversation_context>\n" + context + "\n</conversation_context>";
    }

    /** The messages sent: system (when any), then the user turn with the context block before the query. */
    public List<ChatMessage> messages() {
        List<ChatMessage> out = new ArrayList<>();
        String system = fullSystemPrompt();
        if (!system.isEmpty()) {
            out.add(ChatMessage.system(system));
        }
        String block = contextBlock();
        out.add(ChatMessage.user(block.isEmpty() ? query : block + "\n\n" + query));
        return out;
    }

    /**
     * Reads a composition from an API body; every mistake names its field.
     *
     * @param defaultModel used when the body names none (the engine's only model)
     */
    public static Composition fromJson(JsonNode body, String defaultModel) {
        if (body == null || !body.isObject()) {
            throw new ConfigException("body", "must be a JSON object with at least a 'query'");
        }
        String query = text(body, "query", "");
        if (query.isBlank()) {
            throw new ConfigException("query", "is empty; fix: type the question to send");
        }
        String model = text(body, "model", defaultModel);
        if (model == null || model.isBlank()) {
            throw new ConfigException("model", "is empty; fix: pick one of GET /api/models");
        }
        List<Injection> injections = new ArrayList<>();
        JsonNode list = body.path("injections");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new ConfigException("injections", "must be a list of {description, content}");
            }
            if (list.size() > MAX_INJECTIONS) {
                throw new ConfigException("injections", list.size() + " given; at most " + MAX_INJECTIONS);
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode inj = list.get(i);
                String content = inj.path("content").isString() ? inj.path("content").stringValue() : "";
                if (content.isBlank()) {
                    throw new ConfigException("injections[" + i + "].content", "is empty; fix: give the text to"
                            + " inject or remove the injection");
                }
                String description = inj.path("description").isString() ? inj.path("description").stringValue()
                        : "injection " + (i + 1);
                injections.add(new Injection(description, content));
            }
        }
        double temperature = number(body, "temperature", 0.7);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new ConfigException("temperature", temperature + " is out of range; fix: use 0..2");
        }
        double maxTokens = number(body, "max_tokens", 256);
        if (maxTokens != Math.rint(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
            throw new ConfigException("max_tokens", format(maxTokens) + " is not a whole number in 1.."
                    + MAX_TOKENS_LIMIT);
        }
        Long seed = null;
        JsonNode s = body.path("seed");
        if (!s.isMissingNode() && !s.isNull()) {
            if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                throw new ConfigException("seed", "'" + s + "' is not a whole number; fix: give an integer or leave"
                        + " it empty");
            }
            seed = s.asLong();
        }
        JsonNode thinking = body.path("thinking");
        if (!thinking.isMissingNode() && !thinking.isNull() && !thinking.isBoolean()) {
            throw new ConfigException("thinking", "'" + thinking + "' is not true or false");
        }
        return new Composition(model, query, text(body, "system_prompt", ""), text(body, "context", ""), injections,
                thinking.asBoolean(false), temperature, (int) maxTokens, seed);
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isString()) {
            throw new ConfigException(field, "must be a string, was " + n.getNodeType().name().toLowerCase());
        }
        return n.stringValue();
    }

    static double number(JsonNode body, String field, double fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new ConfigException(field, "'" + n + "' is not a number");
        }
        return n.asDouble();
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
