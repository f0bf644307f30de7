package io.lem.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads OpenAI-compatible responses: SSE {@code data:} events ending with {@code [DONE]}, or one JSON object.
 * Usage may come as a final chunk with empty choices (OpenAI, vLLM) or ride on the last content chunk (DeepSeek).
 */
final class OpenAiReader implements ResponseReader {

    private final boolean chat;
    private final boolean stream;

    OpenAiReader(boolean chat, boolean stream) {
        this.chat = chat;
        this.stream = stream;
    }

    @Override
    public RequestRecord read(BufferedReader body, Tally tally) throws IOException {
        return stream ? readStream(body, tally) : readWhole(body, tally);
    }

    private RequestRecord readStream(BufferedReader body, Tally tally) throws IOException {
        String line;
        while ((line = body.readLine()) != null) {
            long arrivedNs = tally.now();
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments and event/id fields carry nothing we time
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                return tally.ok();
            }
            JsonNode event = parse(data);
            if (event == null) {
                return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed event after " + tally.chunks() + " chunks: "
                        + HttpTransport.abbreviate(data));
            }
            if (event.has("error")) {
                return tally.fail(RequestStatus.HTTP_ERROR, "error event: "
                        + HttpTransport.abbreviate(event.get("error").toString()));
            }
            JsonNode choice = event.path("choices").path(0);
            String content = chat ? Json.text(choice.path("delta").path("content")) : Json.text(choice.path("text"));
            if (!content.isEmpty()) {
                tally.chunk(arrivedNs, false);
            } else if (chat && !reasoning(choice.path("delta")).isEmpty()) {
                tally.chunk(arrivedNs, true);
            }
            usage(event, tally);
        }
        return tally.fail(RequestStatus.PROTOCOL_ERROR, "stream ended without [DONE] after " + tally.chunks() + " chunks");
    }

    private RequestRecord readWhole(BufferedReader body, Tally tally) throws IOException {
        String text = body.lines().collect(Collectors.joining("\n"));
        JsonNode root = parse(text);
        if (root == null) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed response: " + HttpTransport.abbreviate(text));
        }
        if (root.has("error")) {
            return tally.fail(RequestStatus.HTTP_ERROR, "error: " + HttpTransport.abbreviate(root.get("error").toString()));
        }
        usage(root, tally);
        if (!root.path("choices").isArray() || root.path("choices").isEmpty()) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "response has no choices: " + HttpTransport.abbreviate(text));
        }
        return tally.ok();
    }

    /** vLLM before 0.10 and DeepSeek say {@code reasoning_content}; vLLM 0.10+ says {@code reasoning}. */
    private static String reasoning(JsonNode delta) {
        String text = Json.text(delta.path("reasoning_content"));
        return text.isEmpty() ? Json.text(delta.path("reasoning")) : text;
    }

    private static void usage(JsonNode root, Tally tally) {
        JsonNode usage = root.path("usage");
        if (usage.isObject()) {
            tally.usage(Json.integer(usage.path("prompt_tokens")), Json.integer(usage.path("completion_tokens")));
        }
    }

    static JsonNode parse(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
