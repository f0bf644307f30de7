package io.lem.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lem.load.LoadStop;
import io.lem.time.Clock;

/**
 * A running engine child process: started from an {@link EngineLaunch}, healthy once its driver's health path
 * answers 200, stopped with SIGTERM then SIGKILL. Its stdout and stderr go to the launch's log file, kept with the results.
 */
public final class EngineProcess implements AutoCloseable {

    private final EngineLaunch launch;
    private final Process process;
    /** Stops the engine if lem itself is stopped (SIGTERM, Ctrl-C): an orphaned engine would skew later runs. */
    private final Thread reaper;
    private EngineWatch watch;

    private EngineProcess(EngineLaunch launch, Process process) {
        this.launch = launch;
        this.process = process;
        this.reaper = new Thread(process::destroy, "lem-engine-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static EngineProcess start(EngineLaunch launch) throws IOException {
        Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
        Process process = new ProcessBuilder(launch.command())
                .redirectErrorStream(true)
                .redirectOutput(launch.logFile().toFile())
                .start();
        return new EngineProcess(launch, process);
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUrl() {
        return launch.baseUrl();
    }

    public EngineLaunch launch() {
        return launch;
    }

    /**
     * Polls {@code healthPath} ({@link EngineDriver#healthPath()}) until it answers 200; fails with the engine's own
     * last log lines if it exits first.
     */
    public void awaitHealthy(HttpClient http, String healthPath, Duration timeout)
            throws EngineException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(launch.baseUrl().resolve(healthPath))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                throw new EngineException("engine exited with code " + code + " before it was ready: "
                        + lastLines(6), code == 2);
            }
            try {
                HttpResponse<Void> response = http.send(health, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new EngineException("engine not healthy after " + timeout.toSeconds() + " s; its log: " + lastLines(6), false);
    }

    /**
     * Starts watching the engine for an experiment (see {@link EngineWatch}); {@link #close} disarms the watch
     * before it stops the engine, so that stopping is not taken for a failure.
     */
    public synchronized EngineWatch watch(Duration stallTimeout, LoadStop stop, Clock clock) {
        if (watch != null) {
            throw new IllegalStateException("engine " + pid() + " is already watched");
        }
        watch = EngineWatch.start(this, stallTimeout, stop, clock);
        return watch;
    }

    /** The engine's exit status once it has exited (128 + N when a signal N killed it). */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last lines of the engine's log, joined, for error messages. */
    public String lastLines(int count) {
        return String.join(" | ", logTail(count)).strip();
    }

    /** The last {@code count} lines of the engine's log (one line saying why when it cannot be read). */
    public List<String> logTail(int count) {
        try {
            // decoded leniently: native engine logs are not always valid UTF-8
            List<String> lines = new String(Files.readAllBytes(launch.logFile()), StandardCharsets.UTF_8).lines().toList();
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        EngineWatch watching;
        synchronized (this) {
            watching = watch;
        }
        if (watching != null) {
            watching.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the reaper runs
        }
        terminate();
    }

    /** SIGTERM, then SIGKILL when the engine has not exited 10 s later. */
    void terminate() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
