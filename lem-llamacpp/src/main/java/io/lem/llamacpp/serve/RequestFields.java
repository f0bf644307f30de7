package io.lem.llamacpp.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Typed, validated reads of request fields; each failure is a 400 naming the field. */
final class RequestFields {
    private RequestFields() {
    }

    static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw bad(field, "must be true or false");
        }
        return v.booleanValue();
    }

    /** A non-negative integer, or {@code fallback} when absent. */
    static int count(JsonNode node, String field, int fallback) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(field, "must be an integer");
        }
        if (v.intValue() < 0) {
            throw bad(field, "must not be negative, got " + v.intValue());
        }
        return v.intValue();
    }

    static Long integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(field, "must be an integer");
        }
        return v.longValue();
    }

    static Double number(JsonNode node, String field, double min, double max) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
            throw bad(field, "must be a number from " + min + " to " + max);
        }
        return v.doubleValue();
    }

    /** A string or an array of strings (OpenAI's {@code stop}). */
    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (v.isString()) {
            return List.of(v.stringValue());
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : v.values()) {
                if (!e.isString()) {
                    throw bad(field, "must be a string or an array of strings");
                }
                out.add(e.stringValue());
            }
            return out;
        }
        throw bad(field, "must be a string or an array of strings");
    }

    /** A required prompt: a string, or an array holding exactly one string. */
    static String prompt(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isArray() && v.size() == 1 && v.get(0).isString()) {
            return v.get(0).stringValue();
        }
        if (!v.isString()) {
            throw bad(field, v.isMissingNode() ? "is required" : "must be a string");
        }
        return v.stringValue();
    }

    /** Chat messages; content may be a string or OpenAI's list of text parts. */
    static List<ChatMessage> messages(JsonNode node) {
        JsonNode v = node.path("messages");
        if (!v.isArray() || v.isEmpty()) {
            throw bad("messages", v.isMissingNode() ? "is required" : "must be a non-empty array");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : v.values()) {
            String role = m.path("role").asString("").toLowerCase(Locale.ROOT);
            role = role.equals("developer") ? "system" : role;
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw bad("messages", "role must be system, user or assistant, got '" + m.path("role").asString("") + "'");
            }
            out.add(new ChatMessage(role, content(m.path("content"))));
        }
        return out;
    }

    private static String content(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content.values()) {
                if (!"text".equals(part.path("type").asString(""))) {
                    throw bad("messages", "only text content parts are supported");
                }
                sb.append(part.path("text").asString(""));
            }
            return sb.toString();
        }
        throw bad("messages", "content must be a string or a list of text parts");
    }

    static ApiException bad(String field, String problem) {
        return new ApiException(400, "'" + field + "' " + problem, field);
    }
}
