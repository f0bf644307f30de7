package io.lem.result;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One of lem's result files, chosen by name (JMH's {@code ResultFormatType}): its one writer and its one reader.
 * Every format is listed in {@link ResultFormats}.
 *
 * @param <W> what the writer takes (the typed rows, or the map a document is built as where a typed rewrite would
 *            change bytes)
 * @param <R> what the reader returns: typed records
 */
public interface ResultFormat<W, R> {

    /** The short name: {@code result}, {@code requests}, {@code request_energy}, {@code power}, {@code summary}, {@code study}. */
    String name();

    /** The file's name in a result directory. */
    String fileName();

    /** Writes the whole file atomically (JSONL files also have an appender for rows as they come). */
    void write(Path file, W content) throws IOException;

    /**
     * @throws ResultFileException naming the file, what is wrong and the fix, when it is missing or not lem's format
     */
    R read(Path file);

    default Path in(Path dir) {
        return dir.resolve(fileName());
    }

    /** Reads this format's file in {@code dir}. */
    default R readIn(Path dir) {
        return read(in(dir));
    }
}
