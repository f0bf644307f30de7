package io.lem.llamacpp.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives this process its own folder for llama.cpp's native library. de.kherud's loader extracts libjllama.so into
 * one temp folder shared by every JVM and deletes the copies it finds there from earlier runs, so two engines
 * starting at once (a study's next engine while the last one exits, two users, two builds) can delete the library
 * from under each other ("No native library found"). Folders left by killed processes are removed on the next start.
 */
public final class NativeFolder {

    /** The loader's own setting for where it extracts (read before its first use). */
    static final String PROPERTY = "de.kherud.llama.tmpdir";
    private static final String PREFIX = "lem-llama-";

    private NativeFolder() {
    }

    /** Sets the loader's folder to {@code <java.io.tmpdir>/lem-llama-<pid>} unless one is set; call before loading. */
    public static synchronized Path isolate() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return Path.of(set);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeOrphans(tmp);
        try {
            Path dir = Files.createDirectories(tmp.resolve(PREFIX + ProcessHandle.current().pid()));
            dir.toFile().deleteOnExit(); // registered first, so deleted after the library the loader registers
            System.setProperty(PROPERTY, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for llama.cpp's native library in " + tmp, e);
        }
    }

    private static void removeOrphans(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).filter(NativeFolder::orphaned)
                    .forEach(NativeFolder::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // nothing to clean, or not ours to clean
        }
    }

    private static boolean orphaned(Path dir) {
        try {
            long pid = Long.parseLong(dir.getFileName().toString().substring(PREFIX.length()));
            return ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // another process removed it first
        }
    }
}
