package io.lem.load.prompts;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.lem.config.ConfigException;

/** Reading dataset files, with every failure turned into a message that names the file and the fix. */
final class PromptFiles {

    static final String FIELD = "prompts";

    private PromptFiles() {
    }

    static String read(Path file, String format) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(FIELD, "file not found: " + file + "; pass an existing " + format + " file", e);
        } catch (MalformedInputException e) {
            throw new ConfigException(FIELD, file + " is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(FIELD, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> lines(Path file, String format) {
        return read(file, format).lines().toList();
    }

    static ConfigException badLine(Path file, int lineNumber, String problem) {
        return new ConfigException(FIELD, file + " line " + lineNumber + ": " + problem);
    }

    static List<Prompt> nonEmpty(List<Prompt> prompts, Path file, String expected) {
        if (prompts.isEmpty()) {
            throw new ConfigException(FIELD, file + " holds no prompts; it needs " + expected);
        }
        return prompts;
    }
}
