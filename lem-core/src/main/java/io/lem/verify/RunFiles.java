package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lem.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One experiment directory's files: result.json (what was reported) and the raw files (what was measured). */
record RunFiles(JsonNode result, PowerTraceFile trace, RequestRows.Rows<RequestRows.Request> requests,
                RequestRows.Rows<RequestRows.Energy> energies) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RunFiles read(Path dir) {
        return read(dir, RESULT_FILE);
    }

    /** A directory's reported figures from {@code reportFile} (result.json of lem run, summary.json of lem load). */
    static RunFiles read(Path dir, String reportFile) {
        Path file = dir.resolve(reportFile);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(null, dir + " has no " + reportFile + ": give an experiment directory "
                    + "(with " + RESULT_FILE + "), a study directory (with " + STUDY_FILE + ") or lem load's --output"
                    + " directory (with " + SUMMARY_FILE + ")");
        }
        JsonNode result;
        try {
            result = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ConfigException(null, file + " is not valid JSON (" + e.getOriginalMessage()
                    + "): rerun the experiment or restore the file");
        }
        if (!(result instanceof ObjectNode object)) {
            throw new ConfigException(null, file + " is not a JSON object: rerun the experiment or restore the file");
        }
        object.remove(VERIFICATION); // an earlier verdict is output of this check, never input to it
        return new RunFiles(object, PowerTraceFile.read(dir), RequestRows.requests(dir), RequestRows.energies(dir));
    }

    /** The number at a JSON pointer; null when it is null, absent or not a number. */
    Double reported(String pointer) {
        JsonNode node = result.at(pointer);
        return node.isNumber() ? node.doubleValue() : null;
    }

    Double reported(String mapPointer, String key) {
        return RequestRows.number(result.at(mapPointer), key);
    }

    /** A window of the timeline; null when result.json has none. */
    Window window(String name) {
        return windowAt(TIMELINE + name);
    }

    /** The window {start_s, end_s} at a JSON pointer; null when there is none. */
    Window windowAt(String pointer) {
        JsonNode w = result.at(pointer);
        if (!w.path(START_S).isNumber() || !w.path(END_S).isNumber()) {
            return null;
        }
        return new Window(w.path(START_S).doubleValue(), w.path(END_S).doubleValue());
    }

    /** A list of domain ids from methods; null when result.json has no such list. */
    List<String> ids(String pointer) {
        JsonNode list = result.at(pointer);
        if (!list.isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        list.values().forEach(v -> ids.add(v.asString()));
        return ids;
    }

    /** The keys of a {domain: value} map in result.json, plus the given ids, in order. */
    Set<String> keys(String mapPointer, List<String> more) {
        Set<String> keys = new LinkedHashSet<>(result.at(mapPointer).propertyNames());
        if (more != null) {
            keys.addAll(more);
        }
        return keys;
    }
}
