package io.lem.llamacpp.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded engine's process: {@code ServeMain --model FILE.gguf [--port P] [--threads T] [--parallel S]
 * [--ctx C] [--batch B] [--seed N]}, what the embedded engine driver launches per experiment and what
 * {@code lem serve} runs. Exit code 0 when stopped, 1 on an engine failure, 2 on a user error (bad flag, missing or
 * invalid model, port in use), with one line on stderr.
 *
 * <p>llama.cpp leaves a native non-daemon thread behind, so {@link #main} always ends with {@code System.exit}.
 * Ctrl-C or SIGTERM stops the HTTP server gracefully through a shutdown hook.
 */
public final class ServeMain {

    private static final List<String> FLAGS = List.of("--model", "--port", "--threads", "--parallel", "--ctx",
            "--batch", "--seed");

    private ServeMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = serve(parse(args), out, err);
        } catch (ServeException e) {
            err.println("lem serve: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            code = 1;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The arguments that make {@link #main} serve with these options (the host is always loopback). */
    public static List<String> arguments(ServeOptions options) {
        return List.of("--model", options.model().toString(), "--port", Integer.toString(options.port()),
                "--threads", Integer.toString(options.threads()), "--parallel", Integer.toString(options.parallel()),
                "--ctx", Integer.toString(options.ctxPerSlot()), "--batch", Integer.toString(options.batch()),
                "--seed", Long.toString(options.seed()));
    }

    /** Parses {@link #arguments}' form; unset flags take {@link ServeOptions}' defaults. */
    static ServeOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i])) {
                throw ServeException.user("unknown option " + args[i] + "; use " + String.join(", ", FLAGS));
            }
            if (i + 1 >= args.length) {
                throw ServeException.user(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        if (!values.containsKey("--model")) {
            throw ServeException.user("--model FILE.gguf is required");
        }
        return new ServeOptions(Path.of(values.get("--model")), ServeOptions.DEFAULT_HOST,
                number(values, "--port", ServeOptions.DEFAULT_PORT),
                number(values, "--threads", ServeOptions.defaultThreads()),
                number(values, "--parallel", ServeOptions.DEFAULT_PARALLEL),
                number(values, "--ctx", ServeOptions.DEFAULT_CTX_PER_SLOT),
                number(values, "--batch", ServeOptions.DEFAULT_BATCH),
                values.containsKey("--seed") ? seed(values.get("--seed")) : ServeOptions.DEFAULT_SEED);
    }

    /**
     * Serves until stopped: starts the listener, loads the model, prints one ready line on {@code out}, waits.
     *
     * @return 0 when stopped, 1 when the engine failed, 2 when the user can fix the cause (printed on {@code err})
     */
    public static int serve(ServeOptions options, PrintWriter out, PrintWriter err) throws InterruptedException {
        LlamaServer server = null;
        try {
            server = LlamaServer.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lem-serve-shutdown"));
            server.loadModel();
            out.printf("lem serve: ready on %s model=%s slots=%d threads=%d%n", server.baseUri(),
                    server.modelName(), options.parallel(), options.threads());
            out.flush();
            server.awaitStop();
            return 0;
        } catch (ServeException e) {
            err.println("lem serve: " + e.getMessage());
            err.flush();
            if (server != null) {
                server.close();
            }
            return e.userError() ? 2 : 1;
        }
    }

    private static int number(Map<String, String> values, String flag, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ServeException.user(flag + " '" + value + "' is not a whole number");
        }
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ServeException.user("--seed '" + value + "' is not a whole number");
        }
    }
}
