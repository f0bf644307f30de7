package io.lem.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/** Reads Ollama's NDJSON stream or single object; {@code thinking} text counts as a flagged reasoning chunk. */
final class OllamaReader implements ResponseReader {

    private final boolean chat;
    private final boolean stream;

    OllamaReader(boolean chat, boolean stream) {
        this.chat = chat;
        this.stream = stream;
    }

    @Override
    public RequestRecord read(BufferedReader body, Tally tally) throws IOException {
        if (!stream) {
            return whole(body.lines().collect(Collectors.joining("\n")), tally);
        }
        String line;
        while ((line = body.readLine()) != null) {
            long arrivedNs = tally.now();
            if (line.isBlank()) {
                continue;
            }
            JsonNode object = OpenAiReader.parse(line);
            if (object == null) {
                return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed line after " + tally.chunks() + " chunks: "
                        + HttpTransport.abbreviate(line));
            }
            JsonNode holder = chat ? object.path("message") : object;
            String content = Json.text(holder.path(chat ? "content" : "response"));
            if (!content.isEmpty()) {
                tally.chunk(arrivedNs, false);
            } else if (!Json.text(holder.path("thinking")).isEmpty()) {
                tally.chunk(arrivedNs, true);
            }
            if (closes(object)) {
                return finish(object, tally, line);
            }
        }
        return tally.fail(RequestStatus.PROTOCOL_ERROR, "stream ended without done:true after " + tally.chunks()
                + " chunks");
    }

    /** A whole (not streamed) response. */
    static RequestRecord whole(String text, Tally tally) {
        JsonNode root = OpenAiReader.parse(text);
        if (root == null) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed response: " + HttpTransport.abbreviate(text));
        }
        return finish(root, tally, text);
    }

    /** A streamed line that may close the stream (its chunk already counted): the record, or null to go on. */
    static RequestRecord closing(String line, Tally tally) {
        JsonNode object = OpenAiReader.parse(line);
        return closes(object) ? finish(object, tally, line) : null;
    }

    private static boolean closes(JsonNode object) {
        return object.has("error") || object.path("done").asBoolean(false);
    }

    private static RequestRecord finish(JsonNode last, Tally tally, String text) {
        if (last.has("error")) {
            return tally.fail(RequestStatus.HTTP_ERROR, "error: " + HttpTransport.abbreviate(last.get("error").toString()));
        }
        if (!last.path("done").asBoolean(false)) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "response without done:true: " + HttpTransport.abbreviate(text));
        }
        EngineTimings timings = new EngineTimings(Json.integer(last.path("prompt_eval_count")),
                Json.integer(last.path("eval_count")), Json.count(last.path("prompt_eval_duration")),
                Json.count(last.path("eval_duration")), Json.count(last.path("load_duration")),
                Json.count(last.path("total_duration")));
        tally.timings(timings);
        tally.usage(timings.promptEvalCount(), timings.evalCount());
        return tally.ok();
    }
}
