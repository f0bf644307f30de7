package io.lem.result;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per line and flushes each line, so a crash or Ctrl-C loses nothing already written.
 * Thread-safe: the load generator's clients call it concurrently.
 */
public final class JsonlWriter implements AutoCloseable {

    private final BufferedWriter out;

    public JsonlWriter(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public synchronized void append(Object row) {
        write(row);
        flush();
    }

    /** Buffers one row; {@link #flush} writes it out (a writer taking rows in batches flushes once a batch). */
    public synchronized void write(Object row) {
        try {
            out.write(Json.compact().writeValueAsString(row));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
