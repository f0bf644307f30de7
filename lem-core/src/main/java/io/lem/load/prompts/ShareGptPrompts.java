package io.lem.load.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ShareGPT JSON array ({@code [{"conversations": [{"from": "human", "value": ...}, ...]}]}): each item's first
 * human turn is a prompt. When the turn after it is the model's reply and a tokenizer is given, the reply's token
 * count becomes the prompt's output length (vLLM's rule); filtered sets such as ML.ENERGY's keep only the human
 * turn, and then the run's max_tokens applies.
 *
 * @param counter the engine's tokenizer, or null to leave output lengths to the run
 */
public record ShareGptPrompts(Path file, Sampling sampling, TokenCounter counter) implements PromptSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> HUMAN = Set.of("human", "user");
    private static final Set<String> MODEL = Set.of("gpt", "chatgpt", "assistant", "bard", "bing");

    public List<Prompt> load() {
        JsonNode root;
        try {
            root = JSON.readTree(PromptFiles.read(file, "ShareGPT JSON"));
        } catch (JacksonException e) {
            throw new io.lem.config.ConfigException(PromptFiles.FIELD, file + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + " (" + e.getOriginalMessage() + "); a ShareGPT file is one JSON array");
        }
        if (!root.isArray()) {
            throw new io.lem.config.ConfigException(PromptFiles.FIELD, file + " must hold a JSON array of"
                    + " {\"conversations\": [...]} items, found " + root.getNodeType());
        }
        List<Prompt> prompts = new ArrayList<>();
        for (JsonNode item : root.values()) {
            Prompt prompt = firstHumanTurn(item.path("conversations"));
            if (prompt != null) {
                prompts.add(prompt);
            }
        }
        return PromptFiles.nonEmpty(prompts, file, "items whose \"conversations\" hold a turn from \"human\"");
    }

    @Override
    public List<Prompt> take(int count, long seed) {
        return sampling.draw(load(), count, seed);
    }

    private Prompt firstHumanTurn(JsonNode turns) {
        List<JsonNode> list = turns.valueStream().toList();
        for (int i = 0; i < list.size(); i++) {
            JsonNode turn = list.get(i);
            if (HUMAN.contains(turn.path("from").asString("")) && turn.path("value").isString()
                    && !turn.get("value").stringValue().isBlank()) {
                JsonNode reply = i + 1 < list.size() ? list.get(i + 1) : null;
                return Prompt.of(turn.get("value").stringValue(), replyTokens(reply));
            }
        }
        return null;
    }

    private int replyTokens(JsonNode reply) {
        if (counter == null || reply == null || !MODEL.contains(reply.path("from").asString(""))
                || !reply.path("value").isString()) {
            return -1;
        }
        try {
            return counter.count(reply.get("value").stringValue());
        } catch (IOException e) {
            throw new UncheckedIOException("counting the tokens of a ShareGPT reply failed", e);
        }
    }
}
