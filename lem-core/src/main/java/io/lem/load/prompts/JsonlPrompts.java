package io.lem.load.prompts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.client.ChatMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per line: {@code {"prompt": "..."}} or {@code {"messages": [{"role", "content"}, ...]}}, with
 * an optional {@code output_tokens} (or {@code max_tokens}) for that prompt. Blank lines are skipped.
 */
public record JsonlPrompts(Path file, Sampling sampling) implements PromptSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ROLES = List.of("system", "user", "assistant");

    public List<Prompt> load() {
        List<String> lines = PromptFiles.lines(file, "JSONL");
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                prompts.add(parse(lines.get(i), i + 1));
            }
        }
        return PromptFiles.nonEmpty(prompts, file, "one {\"prompt\": ...} or {\"messages\": [...]} object per line");
    }

    @Override
    public List<Prompt> take(int count, long seed) {
        return sampling.draw(load(), count, seed);
    }

    private Prompt parse(String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw PromptFiles.badLine(file, number, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw PromptFiles.badLine(file, number, "expected a JSON object, found " + node.getNodeType());
        }
        JsonNode length = node.has("output_tokens") ? node.get("output_tokens") : node.path("max_tokens");
        if (!length.isMissingNode() && !(length.isIntegralNumber() && length.intValue() > 0)) {
            throw PromptFiles.badLine(file, number, "output_tokens must be a positive integer, was " + length);
        }
        int outputTokens = length.isMissingNode() ? -1 : length.intValue();
        if (node.path("prompt").isString()) {
            return Prompt.of(node.get("prompt").stringValue(), outputTokens);
        }
        if (node.path("messages").isArray() && !node.get("messages").isEmpty()) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : node.get("messages").values()) {
                String role = m.path("role").asString("");
                if (!ROLES.contains(role) || !m.path("content").isString()) {
                    throw PromptFiles.badLine(file, number, "each message needs a role (system, user or assistant)"
                            + " and a string content, found " + m);
                }
                messages.add(new ChatMessage(role, m.get("content").stringValue()));
            }
            return new Prompt(messages, outputTokens);
        }
        throw PromptFiles.badLine(file, number, "needs a string \"prompt\" or a non-empty \"messages\" array");
    }
}
