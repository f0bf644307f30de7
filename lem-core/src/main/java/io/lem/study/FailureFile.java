package io.lem.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.engine.EngineFailure;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.StudyFile;
import io.lem.result.StudyJson;
import tools.jackson.core.JacksonException;

/**
 * {@code failure.json} in a failed experiment's directory: why it failed, next to the raw files it kept. It is the
 * mark {@code --resume} reads to rerun the experiment and say why; a failed experiment has no result.json.
 */
final class FailureFile {

    static final String NAME = "failure.json";

    private FailureFile() {
    }

    static void write(Path dir, StudyResult.Outcome outcome) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", outcome.status());
        json.put("index", outcome.index());
        json.put("cycle", outcome.cycle());
        json.put("slug", outcome.slug());
        json.put("config_hash", outcome.configHash());
        json.put("error", outcome.error());
        StudyFile.EngineExit exit = engineExit(outcome.engineFailure());
        json.put(StudyJson.ENGINE_EXIT, exit == null ? null : StudyJson.engineExit(exit));
        AtomicFiles.write(dir.resolve(NAME), Json.pretty().writeValueAsBytes(json));
    }

    /** The earlier failure's reason, or null when the directory holds no failure (an interrupted attempt). */
    static String read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String error = Json.compact().readTree(file.toFile()).path("error").asString("");
            return error.isBlank() ? "reason not recorded" : error;
        } catch (JacksonException e) {
            return "unreadable " + NAME + ": " + e.getOriginalMessage();
        }
    }

    /** The engine exit failure.json recorded, or null when there is none (or no failure.json). */
    static StudyFile.EngineExit readExit(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            tools.jackson.databind.JsonNode x = Json.compact().readTree(file.toFile()).path(StudyJson.ENGINE_EXIT);
            if (!x.isObject()) {
                return null;
            }
            Long code = io.lem.result.JsonFiles.whole(x, StudyJson.EXIT_CODE);
            return new StudyFile.EngineExit(io.lem.result.JsonFiles.string(x, StudyJson.PHASE),
                    code == null ? null : code.intValue(), io.lem.result.JsonFiles.string(x, StudyJson.SIGNAL),
                    io.lem.result.JsonFiles.number(x, StudyJson.STALLED_S),
                    io.lem.result.JsonFiles.strings(x.path(StudyJson.ENGINE_LOG_TAIL)));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** How the engine ended, as study.json and failure.json hold it; null when no engine failure failed it. */
    static StudyFile.EngineExit engineExit(EngineFailure failure) {
        return failure == null ? null : new StudyFile.EngineExit(failure.phase(),
                failure.exitCode() < 0 ? null : failure.exitCode(), failure.signal(),
                Json.finiteOrNull(failure.stalledS()), failure.logTail());
    }
}
