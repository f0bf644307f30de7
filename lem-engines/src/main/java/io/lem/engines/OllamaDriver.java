package io.lem.engines;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.lem.config.EngineConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.PreparedModel;

/**
 * {@code engine.type: ollama}: {@code ollama serve}, configured through its environment: {@code OLLAMA_HOST} is lem's
 * host and port, and each key of {@code engine.ollama.*} becomes {@code OLLAMA_<KEY>} ({@code num_parallel: 4} is
 * {@code OLLAMA_NUM_PARALLEL=4}). Before the study, {@link #prepare} pulls the model ({@code ollama pull MODEL}
 * against a short-lived server of its own) unless {@code engine.ollama.pull: false}, so that measuring never
 * includes a download.
 * <p>Sources (ollama/ollama): {@code envconfig/config.go} and {@code docs/faq.md} for the variables
 * (OLLAMA_NUM_PARALLEL, OLLAMA_MAX_LOADED_MODELS, OLLAMA_MAX_QUEUE, OLLAMA_KEEP_ALIVE, OLLAMA_FLASH_ATTENTION,
 * OLLAMA_KV_CACHE_TYPE, OLLAMA_CONTEXT_LENGTH, OLLAMA_MODELS, OLLAMA_SCHED_SPREAD, ...); {@code docs/api.md} for
 * {@code GET /api/version} ({@code GET /} answers "Ollama is running"). Ollama has no Prometheus metrics endpoint.
 * B is OLLAMA_NUM_PARALLEL; its default changed between releases (1, or 4 or 1 by free memory), so unset it is
 * reported unknown (0).
 */
public final class OllamaDriver extends ManagedDriver {

    public static final EngineSpec SPEC = new EngineSpec("ollama", "Ollama (ollama serve)", "ollama",
            List.of("serve"), null, null, null, "/api/version", null, FlagStyle.SWITCH, List.of("num_parallel"), 0,
            List.of("num_parallel", "max_loaded_models", "max_queue", "keep_alive", "flash_attention",
                    "kv_cache_type", "context_length", "models", "sched_spread", "gpu_overhead", "load_timeout"));

    private static final Duration PULL_SERVER_START = Duration.ofSeconds(60);
    private final Set<String> pulled = ConcurrentHashMap.newKeySet();

    public OllamaDriver() {
        super(SPEC);
    }

    public OllamaDriver(JavaCommand java) {
        super(SPEC, java);
    }

    /** {@code ollama serve}: no flags, host and port in {@code OLLAMA_HOST}. */
    @Override
    public List<String> engineCommand(EngineConfig engine, String model, String host, int port) {
        List<String> command = new ArrayList<>();
        command.add(executable(engine));
        command.addAll(SPEC.leadingArgs());
        return command;
    }

    @Override
    protected Set<String> reserved() {
        return Set.of("executable", "pull");
    }

    @Override
    protected Map<String, String> environment(EngineConfig engine, String host, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OLLAMA_HOST", host + ":" + port);
        sectionKeys(engine).forEach((name, value) -> env.put("OLLAMA_" + name.toUpperCase(Locale.ROOT),
                FlagStyle.scalar(SPEC.key(name), value)));
        return env;
    }

    @Override
    public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) throws IOException {
        String model = model(engine);
        boolean pull = !Boolean.FALSE.equals(FlagStyle.asBoolean(String.valueOf(engine.option(SPEC.key("pull")))));
        if (pull && engine.option("engine.docker.image") == null && pulled.add(model)) {
            try {
                pull(engine, model, progress);
            } catch (IOException | RuntimeException e) {
                pulled.remove(model);
                throw e;
            } catch (InterruptedException e) {
                pulled.remove(model);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while pulling " + model, e);
            }
        }
        return new PreparedModel(model, Path.of(model));
    }

    private void pull(EngineConfig engine, String model, Consumer<String> progress)
            throws IOException, InterruptedException {
        progress.accept("ollama pull " + model);
        int port = EmbeddedEngine.freePort();
        Map<String, String> env = environment(engine, LOOPBACK, port);
        ProcessBuilder serve = new ProcessBuilder(engineCommand(engine, model, LOOPBACK, port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        serve.environment().putAll(env);
        Process server = serve.start();
        try {
            awaitUp(server, URI.create("http://" + LOOPBACK + ":" + port + SPEC.healthPath()));
            ProcessBuilder pullCommand = new ProcessBuilder(executable(engine), "pull", model).redirectErrorStream(true);
            pullCommand.environment().putAll(env);
            Process pulling = pullCommand.start();
            String output = new String(pulling.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (pulling.waitFor() != 0) {
                List<String> lines = output.lines().toList();
                throw new IOException("ollama pull " + model + " failed: "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())));
            }
        } finally {
            ProcessTree.terminate(ProcessTree.of(server.toHandle()), Duration.ofSeconds(7));
        }
    }

    private static void awaitUp(Process server, URI health) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + PULL_SERVER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("ollama serve exited with code " + server.exitValue() + " before the pull");
            }
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("ollama serve did not answer " + health + " within " + PULL_SERVER_START.toSeconds() + " s");
    }

    private static String executable(EngineConfig engine) {
        Object executable = engine.option(SPEC.key("executable"));
        return executable == null ? SPEC.executable() : executable.toString();
    }
}
