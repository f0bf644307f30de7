package io.lem.engines;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineLaunch;
import io.lem.engine.PreparedModel;

/**
 * {@code engine.type: external}: an OpenAI-compatible endpoint lem does not start or stop ({@code engine.base_url},
 * serving {@code engine.model}). Its health path is {@code /v1/models}, which every OpenAI-compatible server
 * answers (vLLM, SGLang, TGI, llama-server, Ollama). There is no engine process to watch: the launch is a
 * {@link Supervisor} in {@code --hold} mode, a placeholder that only waits to be stopped, so lem's experiment
 * runner treats this engine like any other; its energy is measured but its state between experiments is the
 * user's to control (lem cannot give it a fresh process), which results should say.
 */
public final class ExternalDriver implements EngineDriver {

    public static final String TYPE = "external";
    private final JavaCommand jvm;

    public ExternalDriver() {
        this(JavaCommand.current());
    }

    public ExternalDriver(JavaCommand java) {
        this.jvm = java;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> keys() {
        return List.of("engine.base_url", "engine.model");
    }

    @Override
    public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) {
        baseUrl(engine);
        if (engine.model() == null) {
            throw new ConfigException("engine.model", "engine.type external needs the model name the endpoint "
                    + "serves; fix: set engine.model (as in its /v1/models list)");
        }
        return new PreparedModel(engine.model(), Path.of(engine.model()));
    }

    @Override
    public EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) throws IOException {
        URI url = baseUrl(engine);
        return new EngineLaunch("external endpoint " + url, jvm.supervisor(
                Supervisor.arguments(java.util.Map.of(), List.of(), true, List.of())), url, logFile);
    }

    @Override
    public String healthPath() {
        return "/v1/models";
    }

    /** Unknown: the endpoint's configuration is not lem's. */
    @Override
    public int batchLimit(EngineConfig engine) {
        return 0;
    }

    static URI baseUrl(EngineConfig engine) {
        Object raw = engine.option("engine.base_url");
        if (raw == null) {
            throw new ConfigException("engine.base_url", "engine.type external needs the endpoint's URL; fix: set "
                    + "engine.base_url, e.g. http://127.0.0.1:8000");
        }
        try {
            URI url = new URI(raw.toString());
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new URISyntaxException(raw.toString(), "not an http(s) URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ConfigException("engine.base_url", "'" + raw + "' is not an http(s) URL (" + e.getReason()
                    + "); fix: give scheme, host and port, e.g. http://127.0.0.1:8000");
        }
    }
}
