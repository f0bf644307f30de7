package io.lem.engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How lem starts a {@link Supervisor}: the running JVM's java and class path, a small heap (it only waits and
 * signals).
 *
 * @param javaBin   the java executable
 * @param classPath a class path holding lem-engines
 */
public record JavaCommand(String javaBin, String classPath) {

    public static JavaCommand current() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new JavaCommand(java, System.getProperty("java.class.path"));
    }

    /** {@code java -cp ... io.lem.engines.Supervisor ARGS}. */
    public List<String> supervisor(List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, Supervisor.class.getName()));
        command.addAll(args);
        return command;
    }
}
