package io.lem.result;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per line and flushes each line, so a crash or Ctrl-C loses nothing already written.
 * Thread-safe: the load generator's clients call it concurrently. Rows come either as values Jackson writes
 * ({@link #write(Object)}) or as lines already encoded ({@link #write(JsonLine)}); both are UTF-8 bytes alike.
 */
public final class JsonlWriter implements AutoCloseable {

    /** Holds a whole batch of request rows (256 of ~300 bytes), so a batch reaches the file in one or two writes. */
    private static final int BUFFER_BYTES = 1 << 17;

    private final OutputStream out;

    public JsonlWriter(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), BUFFER_BYTES);
    }

    public synchronized void append(Object row) {
        write(row);
        flush();
    }

    /** Buffers one row; {@link #flush} writes it out (a writer taking rows in batches flushes once a batch). */
    public synchronized void write(Object row) {
        try {
            out.write(Json.compact().writeValueAsBytes(row));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes and flushes one encoded line. */
    public synchronized void append(JsonLine line) {
        write(line);
        flush();
    }

    /** Buffers one encoded line (it ends with its own newline: {@link JsonLine#newline}). */
    public synchronized void write(JsonLine line) {
        try {
            line.writeTo(out);
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
