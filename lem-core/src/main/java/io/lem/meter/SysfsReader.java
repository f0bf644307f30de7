package io.lem.meter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small pseudo-files (sysfs or procfs). Injectable so tests can simulate failures that a real file cannot
 * show when the suite runs as root (permission denied), while production reads the real file.
 */
@FunctionalInterface
public interface SysfsReader {

    /** The whole content of the file, as text. */
    String read(Path file) throws IOException;

    /**
     * A counter file read again and again (RAPL's {@code energy_uj}, 10-100 times a second). By default each read
     * reads the file anew; {@link #files()} keeps the file open instead and re-reads it from offset 0 into a
     * reused buffer, which sysfs answers with a fresh value, without allocating.
     */
    default CounterFile openCounter(Path file) throws IOException {
        read(file); // fail now, as the open of the real file would
        return () -> {
            String text = read(file).strip();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + " holds '" + text + "', not a whole number", e);
            }
        };
    }

    static SysfsReader files() {
        return FileSysfsReader.INSTANCE;
    }

    /** An open counter file; {@link #readLong()} returns its current value. */
    interface CounterFile extends AutoCloseable {

        long readLong() throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** The real files: whole reads with {@link Files#readString}, counters through an open channel. */
    final class FileSysfsReader implements SysfsReader {

        static final FileSysfsReader INSTANCE = new FileSysfsReader();

        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file);
        }

        @Override
        public CounterFile openCounter(Path file) throws IOException {
            return new ChannelCounter(file);
        }
    }
}
