package io.lem.engines;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lem.engine.EngineProcess;

/** Helpers of the stand-in tests: an executable script per flavour, and reading what the stand-in logged. */
final class StandIns {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private StandIns() {
    }

    /** An executable that runs {@link StandInServer} in {@code flavour}, as {@code engine.<type>.executable}. */
    static Path executable(Path dir, String flavour) throws IOException {
        JavaCommand java = JavaCommand.current();
        Path script = dir.resolve(flavour + "-stand-in");
        Files.writeString(script, "#!/bin/sh\nexec '" + java.javaBin() + "' -XX:+UseSerialGC -Xmx64m "
                + "-XX:TieredStopAtLevel=1 -cp '" + java.classPath() + "' " + StandInServer.class.getName() + " "
                + flavour + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The argv line the stand-in printed first: what it really received. */
    static List<String> receivedArgv(EngineProcess engine, String flavour) {
        String log = String.join("\n", engine.logTail(50));
        Matcher m = Pattern.compile("stand-in " + flavour + " argv: (.*)").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no argv line in engine.log: " + log);
        }
        return List.of(m.group(1).split(" "));
    }

    /** The worker the stand-in started. */
    static ProcessHandle worker(EngineProcess engine) {
        Matcher m = Pattern.compile("worker pid (\\d+)").matcher(String.join("\n", engine.logTail(50)));
        if (!m.find()) {
            throw new AssertionError("no worker line in engine.log");
        }
        return ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow();
    }

    static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A streamed chat completion, as lem's OpenAI client sends it. */
    static HttpResponse<String> chat(URI base, String model) throws IOException, InterruptedException {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":3,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
