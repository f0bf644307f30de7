package io.lem.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of an engine that runs in a JVM of its own on lem's class path: the same java and jars as the
 * running lem, so the child is exactly this version of lem, in a fresh process (clean engine state per experiment).
 * Drivers of Java engines build their launch with it.
 *
 * @param javaBin   the java executable
 * @param classPath lem's class path
 * @param mainClass the engine's main class (a name, so that core does not depend on the engine's module)
 */
public record EmbeddedEngine(String javaBin, String classPath, String mainClass) {

    /** The running JVM's java and class path. */
    public static EmbeddedEngine current(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new EmbeddedEngine(java, System.getProperty("java.class.path"), mainClass);
    }

    /** {@code java <JVM options> -cp <class path> <main class> <args>}; native access for llama.cpp-like engines. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** A loopback port that was free a moment ago; an engine fails clearly in the rare case it was taken since. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
