package io.lem.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an engine will serve, as its driver prepared it.
 *
 * @param servedName the model name requests carry
 * @param file       the model file the engine loads
 */
public record PreparedModel(String servedName, Path file) {

    public PreparedModel {
        Objects.requireNonNull(servedName, "servedName");
        Objects.requireNonNull(file, "file");
    }

    /** A model file served under its file name. */
    public static PreparedModel of(Path file) {
        return new PreparedModel(file.getFileName().toString(), file);
    }
}
