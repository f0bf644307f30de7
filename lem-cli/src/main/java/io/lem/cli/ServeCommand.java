package io.lem.cli;

import io.lem.llamacpp.serve.ServeMain;
import io.lem.llamacpp.serve.ServeException;
import io.lem.llamacpp.serve.ServeOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lem serve}: serves a GGUF model with llama.cpp in this process (OpenAI and Ollama APIs).
 *
 * <p>The call returns only when the server stops, and llama.cpp leaves a native non-daemon thread behind,
 * so the JVM would not exit on its own: {@code Main} must {@code System.exit} with this command's return
 * code (0 stopped, 1 engine failure, 2 user error). Ctrl-C or SIGTERM stops the HTTP server gracefully
 * through a shutdown hook.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a GGUF model over HTTP on 127.0.0.1 (OpenAI /v1/*, Ollama /api/*, /health, /tokenize).")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.gguf", description = "GGUF model file.")
    Path model;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--threads", paramLabel = "T",
            description = "CPU threads for llama.cpp. Default: cores - 1 (at least 1).")
    Integer threads;

    @Option(names = "--parallel", paramLabel = "S",
            description = "Parallel slots (concurrent requests, continuous batching; engine.parallel). Default: ${DEFAULT-VALUE}.")
    int parallel = ServeOptions.DEFAULT_PARALLEL;

    @Option(names = "--ctx", paramLabel = "C",
            description = "Context tokens per slot; the engine gets C x S in total (engine.ctx). Default: ${DEFAULT-VALUE}.")
    int ctxPerSlot = ServeOptions.DEFAULT_CTX_PER_SLOT;

    @Option(names = "--batch", paramLabel = "B",
            description = "Logical batch size for prompt processing (engine.batch). Default: ${DEFAULT-VALUE}.")
    int batch = ServeOptions.DEFAULT_BATCH;

    @Option(names = "--seed", description = "Default sampling seed (engine.seed). Default: ${DEFAULT-VALUE}.")
    long seed = ServeOptions.DEFAULT_SEED;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return ServeMain.serve(new ServeOptions(model, ServeOptions.DEFAULT_HOST, port,
                    threads == null ? ServeOptions.defaultThreads() : threads, parallel, ctxPerSlot, batch, seed),
                    spec.commandLine().getOut(), err);
        } catch (ServeException e) {
            err.println("lem serve: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
