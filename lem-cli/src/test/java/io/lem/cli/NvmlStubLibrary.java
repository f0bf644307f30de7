package io.lem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * lem-core's C stand-in for libnvidia-ml.so.1, compiled for tests that load it in a process of their own through
 * {@code LEM_NVML_LIB}: unscripted, it answers its defaults (two H100s, 250 W average and 310 W instant power);
 * with {@code NVML_STUB_LIVE=1} its energy counter rises at the average power.
 */
final class NvmlStubLibrary {

    /** The stub's defaults (stub_reset in nvml_stub.c), mW -> W. */
    static final double AVERAGE_POWER_W = 250;
    static final double INSTANT_POWER_W = 310;

    private static final Path SOURCE = Path.of("../lem-core/src/test/c/nvml_stub.c");

    private NvmlStubLibrary() {
    }

    /** Compiles the stub once; skips the test when gcc is missing (CI installs it). */
    static synchronized Path path() throws IOException, InterruptedException {
        Path lib = Path.of("target/nvml-stub/libnvidia-ml-stub.so").toAbsolutePath();
        if (Files.exists(lib)) {
            return lib;
        }
        Files.createDirectories(lib.getParent());
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", lib.toString(), SOURCE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc not found: the NVML stub tests need it (Debian: apt-get install gcc)");
            throw e;
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed on " + SOURCE + ":\n" + output);
        }
        return lib;
    }
}
