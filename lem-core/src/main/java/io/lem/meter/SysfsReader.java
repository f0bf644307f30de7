package io.lem.meter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one small pseudo-file (sysfs or procfs). Injectable so tests can simulate failures that a real file cannot
 * show when the suite runs as root (permission denied), while production reads the real file.
 */
@FunctionalInterface
public interface SysfsReader {

    /** The whole content of the file, as text. */
    String read(Path file) throws IOException;

    static SysfsReader files() {
        return Files::readString;
    }
}
