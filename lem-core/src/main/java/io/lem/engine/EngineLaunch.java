package io.lem.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start an engine as a child process: its command line, the URL it will serve on, a name for results,
 * and where its output goes.
 */
public record EngineLaunch(String name, List<String> command, java.net.URI baseUrl, Path logFile) {

    public EngineLaunch {
        command = List.copyOf(command);
    }
}
