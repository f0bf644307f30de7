package io.lem.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.lem.config.Defaults;
import io.lem.config.EngineConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineException;
import io.lem.engine.EngineProcess;
import io.lem.engine.EngineTokenizer;
import io.lem.engine.PreparedModel;
import tools.jackson.databind.JsonNode;

/**
 * The engine the Lab talks to. An embedded one is started once, through lem-core's engine driver SPI as {@code lem
 * run} starts it, before any measurement: its load time is reported on its own and is never inside a window.
 *
 * @param loadS     seconds from launch until the engine answered its health check; NaN for a remote server
 * @param tokenizer the engine's {@code /tokenize}, null when it has none (token parts are then estimated)
 */
public record LabEngine(URI baseUrl, String api, String description, long pid, double loadS, HttpClient http,
                        EngineTokenizer tokenizer, AutoCloseable process) implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Context of the embedded engine: room for a system prompt, injections and context, beside the answer. */
    static final int EMBEDDED_CTX = 2048;

    public static LabEngine start(LabTarget target, Path logDir, EngineDrivers drivers, Consumer<String> progress)
            throws IOException, InterruptedException, EngineException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return switch (target) {
            case LabTarget.Remote r -> new LabEngine(r.endpoint(), r.api(), r.api() + " server at " + r.endpoint(),
                    -1, Double.NaN, http, r.api().equals("openai") ? new EngineTokenizer(http, r.endpoint()).probe()
                            : null, () -> { });
            case LabTarget.Embedded e -> embedded(e, logDir, drivers, http, progress);
        };
    }

    private static LabEngine embedded(LabTarget.Embedded e, Path logDir, EngineDrivers drivers, HttpClient http,
                                      Consumer<String> progress)
            throws IOException, InterruptedException, EngineException {
        EngineDriver driver = drivers.forType(Defaults.ENGINE_TYPE);
        EngineConfig config = io.lem.config.ExperimentConfig.resolve(1, java.util.Map.of(
                e.isFile() ? "engine.model" : "engine.preset", e.presetOrFile(), "engine.ctx", EMBEDDED_CTX)).engine();
        PreparedModel model = driver.prepare(config, progress);
        long start = System.nanoTime();
        progress.accept("starting the embedded engine (" + model.servedName() + ")");
        EngineProcess process = EngineProcess.start(driver.launch(config, model, logDir.resolve("engine.log")));
        try {
            process.awaitHealthy(http, driver.healthPath(), START_TIMEOUT);
        } catch (EngineException | InterruptedException | RuntimeException ex) {
            process.close();
            throw ex;
        }
        double loadS = (System.nanoTime() - start) / 1e9;
        return new LabEngine(process.baseUrl(), "openai", process.launch().name() + " serving " + model.servedName(),
                process.pid(), loadS, http, new EngineTokenizer(http, process.baseUrl()).probe(), process);
    }

    /** The served models: OpenAI's {@code /v1/models} or Ollama's {@code /api/tags}. */
    public List<String> models() throws IOException, InterruptedException {
        boolean ollama = api.equals("ollama");
        String base = baseUrl.toString().replaceAll("/+$", "").replaceAll("/v1$", "");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + (ollama ? "/api/tags" : "/v1/models")))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the engine answered HTTP " + r.statusCode() + " to its model list");
        }
        JsonNode list = LabJson.readOrNull(r.body());
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode m : ollama ? list.path("models") : list.path("data")) {
                String name = m.path(ollama ? "name" : "id").stringValue();
                if (name != null) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Counts a text with the engine's tokenizer, or estimates it (4 characters a token) when it has none. */
    public TokenAnalysis.Counter counter() {
        if (tokenizer == null) {
            return text -> text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
        }
        return text -> {
            try {
                return text.isEmpty() ? 0 : tokenizer.count(text);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        };
    }

    public String countedBy() {
        return tokenizer == null ? "estimate: 4 characters per token (the engine has no /tokenize)"
                : "the engine's /tokenize";
    }


    @Override
    public void close() throws Exception {
        process.close();
    }
}
