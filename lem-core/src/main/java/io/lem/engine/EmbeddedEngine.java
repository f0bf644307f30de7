package io.lem.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.config.EngineConfig;

/**
 * Builds the command line of {@code lem serve} for one experiment: the same JVM and class path as the running lem,
 * so the child is exactly this version of lem, in a fresh process (clean engine state per experiment).
 *
 * @param javaBin   the java executable
 * @param classPath lem's class path
 * @param mainClass lem's CLI main class (a name, so that core does not depend on the CLI)
 */
public record EmbeddedEngine(String javaBin, String classPath, String mainClass) {

    /** The running JVM's java and class path. */
    public static EmbeddedEngine current(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new EmbeddedEngine(java, System.getProperty("java.class.path"), mainClass);
    }

    public EngineLaunch launch(EngineConfig engine, Path model, Path logFile) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath, mainClass, "serve",
                "--model", model.toString(),
                "--port", Integer.toString(port),
                "--threads", Integer.toString(engine.threads()),
                "--parallel", Integer.toString(engine.parallel()),
                "--ctx", Integer.toString(engine.ctxPerSlot()),
                "--batch", Integer.toString(engine.batch()),
                "--seed", Long.toString(engine.seed())));
        return new EngineLaunch("lem-serve (llama.cpp b4916 via de.kherud:llama 4.2.0)", command,
                URI.create("http://127.0.0.1:" + port), logFile);
    }

    /** A port that was free a moment ago; the engine fails clearly (exit 2) in the rare case it was taken since. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
