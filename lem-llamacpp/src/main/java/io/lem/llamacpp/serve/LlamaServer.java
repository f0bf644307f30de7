package io.lem.llamacpp.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lem.llamacpp.gguf.GgufFormatException;
import io.lem.llamacpp.gguf.GgufInfo;
import io.lem.llamacpp.gguf.GgufReader;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code lem serve}: one GGUF model loaded in-process with llama.cpp, served over HTTP with OpenAI- and
 * Ollama-compatible endpoints, parallel slots and continuous batching.
 *
 * <p>Start with {@link #start}, which checks the model file and opens the listener ({@code /health} answers
 * 503 "loading"), then {@link #loadModel}. llama.cpp leaves a native non-daemon thread and leaks on close,
 * so a process should load one model and exit when the server stops.
 */
public final class LlamaServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlamaServer.class);
    private static final int STOP_GRACE_S = 1;

    private record Apis(Engine engine, OpenAiApi openAi, OllamaApi ollama) {}

    private final ServeOptions options;
    private final GgufInfo info;
    private final String modelName;
    private final HttpServer http;
    private final ExecutorService executor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Apis apis;

    private LlamaServer(ServeOptions options, GgufInfo info, HttpServer http, ExecutorService executor) {
        this.options = options;
        this.info = info;
        this.http = http;
        this.executor = executor;
        String file = options.model().getFileName().toString();
        this.modelName = file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
    }

    /** Checks the model file, binds the port and starts answering (503 until {@link #loadModel}). */
    public static LlamaServer start(ServeOptions options) {
        GgufInfo info = checkModel(options.model());
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        } catch (BindException e) {
            throw ServeException.user("port " + options.port() + " on " + options.host()
                    + " is in use; stop the other server or choose another with --port", e);
        } catch (IOException e) {
            throw ServeException.user("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        // Platform threads, not virtual ones: a generation blocks inside JNI, which pins a virtual thread's
        // carrier, so virtual threads would serve no more concurrent requests than there are cores.
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("lem-serve-", 0).daemon(true).factory());
        LlamaServer server = new LlamaServer(options, info, http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** Reads the model's GGUF header, turning every way the file can be wrong into a user error. */
    static GgufInfo checkModel(Path model) {
        if (!Files.exists(model)) {
            throw ServeException.user("model file not found: " + model
                    + "; pass an existing .gguf file with --model, or make one with"
                    + " 'lem model synth --preset tiny --out " + model + "'");
        }
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw ServeException.user("model path is not a readable file: " + model);
        }
        try {
            return GgufReader.read(model);
        } catch (GgufFormatException e) {
            throw ServeException.user(e.getMessage() + "; --model must name a GGUF model file", e);
        } catch (IOException e) {
            throw ServeException.user("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }

    /** Loads the model (blocking); afterwards {@code /health} answers 200. */
    public void loadModel() {
        if (apis != null) {
            throw new IllegalStateException("model already loaded");
        }
        Engine engine = Engine.load(options, info);
        long createdS = System.currentTimeMillis() / 1000;
        long fileBytes;
        Instant modified;
        try {
            fileBytes = Files.size(options.model());
            modified = Files.getLastModifiedTime(options.model()).toInstant();
        } catch (IOException e) {
            fileBytes = 0;
            modified = Instant.ofEpochSecond(createdS);
        }
        apis = new Apis(engine, new OpenAiApi(engine, modelName, createdS),
                new OllamaApi(engine, modelName, info, fileBytes, modified));
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://" + options.host() + ":" + port());
    }

    /** The id clients see in {@code model} fields: the file name without {@code .gguf}. */
    public String modelName() {
        return modelName;
    }

    public GgufInfo modelInfo() {
        return info;
    }

    public ServeOptions options() {
        return options;
    }

    /** Blocks until {@link #close} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting requests, lets running ones finish for a moment, then frees the model. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        http.stop(STOP_GRACE_S);
        executor.shutdownNow();
        Apis loaded = apis;
        apis = null;
        if (loaded != null) {
            loaded.engine().close();
        }
        stopped.countDown();
    }

    private void handle(HttpExchange exchange) {
        long receivedNs = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean ollama = path.startsWith("/api/");
        try (exchange) {
            try {
                route(exchange, method, path, receivedNs);
            } catch (ApiException e) {
                Http.sendJson(exchange, e.status(), ollama ? Http.ollamaError(e.getMessage())
                        : Http.openAiError(e.status(), e.getMessage(), e.param()));
            } catch (IOException e) {
                // The client went away mid-response; the generation was cancelled where it was writing.
                LOG.debug("{} {}: client disconnected: {}", method, path, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", method, path, e);
                String message = "internal error: " + e;
                Http.sendJson(exchange, 500, ollama ? Http.ollamaError(message) : Http.openAiError(500, message, null));
            }
        } catch (IOException e) {
            LOG.debug("{} {}: could not send the error response: {}", method, path, e.getMessage());
        }
    }

    private void route(HttpExchange exchange, String method, String path, long receivedNs) throws IOException {
        switch (path) {
            case "/health" -> {
                expect(method, "GET");
                health(exchange);
            }
            case "/v1/models" -> ready(method, "GET").openAi().models(exchange);
            case "/v1/chat/completions" -> ready(method, "POST").openAi().chat(exchange, receivedNs);
            case "/v1/completions" -> ready(method, "POST").openAi().completions(exchange, receivedNs);
            case "/tokenize" -> tokenize(exchange, ready(method, "POST").engine());
            case "/api/chat" -> ready(method, "POST").ollama().chat(exchange, receivedNs);
            case "/api/generate" -> ready(method, "POST").ollama().generate(exchange, receivedNs);
            case "/api/tags" -> ready(method, "GET").ollama().tags(exchange);
            default -> throw new ApiException(404, "no endpoint " + method + " " + path
                    + "; lem serve has /v1/chat/completions, /v1/completions, /v1/models, /tokenize, /health,"
                    + " /api/chat, /api/generate and /api/tags", null);
        }
    }

    private static void expect(String method, String wanted) {
        if (!method.equals(wanted)) {
            throw new ApiException(405, "use " + wanted + ", not " + method, null);
        }
    }

    private Apis ready(String method, String wanted) {
        expect(method, wanted);
        Apis loaded = apis;
        if (loaded == null) {
            throw new ApiException(503, "the model is still loading; retry when GET /health answers 200", null);
        }
        return loaded;
    }

    private void health(HttpExchange exchange) throws IOException {
        ObjectNode body = Http.object();
        boolean loaded = apis != null;
        body.put("status", loaded ? "ok" : "loading");
        Http.sendJson(exchange, loaded ? 200 : 503, body);
    }

    /** llama.cpp server's {@code /tokenize}: ids without BOS unless {@code add_special} is true. */
    private static void tokenize(HttpExchange exchange, Engine engine) throws IOException {
        JsonNode body = Http.readJson(exchange);
        String content = RequestFields.prompt(body, "content");
        boolean addSpecial = RequestFields.bool(body, "add_special", false);
        ObjectNode response = Http.object();
        ArrayNode tokens = response.putArray("tokens");
        if (addSpecial && engine.bosCount() > 0) {
            tokens.add(engine.bosTokenId());
        }
        for (int id : engine.tokenize(content)) {
            tokens.add(id);
        }
        Http.sendJson(exchange, 200, response);
    }
}
