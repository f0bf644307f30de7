package io.lem.engines;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a serving engine's executable, run as a real process: {@code StandInServer FLAVOUR ARGS...}. It
 * parses its command line as the engine does (its own table of flags, written from the engine's docs, not from
 * lem's driver), rejects an unknown flag with the engine's style of message and exit status, and otherwise serves
 * the engine's health path, its metrics path and an OpenAI-compatible streaming chat completion on real HTTP. It
 * starts one worker child ({@code sleep}) as engines do, and prints its argv and the worker's pid first.
 */
public final class StandInServer {

    /** Per flavour: value flags, boolean flags, how it exits on a bad flag, health and metrics paths. */
    record Flavour(String usage, Set<String> valueFlags, Set<String> boolFlags, boolean negatable, String health,
                   String metrics, String metricsBody) {
    }

    static final Map<String, Flavour> FLAVOURS = Map.of(
            "vllm", new Flavour("vllm serve", Set.of("--host", "--port", "--max-num-seqs", "--max-num-batched-tokens",
                    "--tensor-parallel-size", "--pipeline-parallel-size", "--dtype", "--quantization",
                    "--kv-cache-dtype", "--gpu-memory-utilization", "--block-size", "--max-model-len",
                    "--some-new-flag"), Set.of("--enable-prefix-caching", "--enable-chunked-prefill",
                    "--enforce-eager", "--trust-remote-code"), true, "/health", "/metrics",
                    "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name=\"m\"} 0.0\n"),
            "sglang", new Flavour("launch_server.py", Set.of("--model-path", "--host", "--port",
                    "--max-running-requests", "--tp-size", "--mem-fraction-static"), Set.of("--enable-metrics",
                    "--disable-radix-cache"), false, "/health", "/metrics", "sglang:num_running_reqs 0\n"),
            "tgi", new Flavour("text-generation-launcher", Set.of("--model-id", "--hostname", "--port",
                    "--max-batch-size", "--max-concurrent-requests", "--num-shard"), Set.of("--disable-custom-kernels"),
                    false, "/health", "/metrics", "tgi_batch_current_size 0\n"),
            "trtllm", new Flavour("trtllm-serve", Set.of("--host", "--port", "--max_batch_size", "--tp_size",
                    "--backend", "--kv_cache_free_gpu_memory_fraction"), Set.of("--trust_remote_code"), false,
                    "/health", "/metrics", "[]"),
            "llama_server", new Flavour("llama-server", Set.of("-m", "--host", "--port", "--parallel", "--ctx-size"),
                    Set.of("--metrics", "--cont-batching"), true, "/health", "/metrics",
                    "llamacpp:requests_processing 0\n"),
            "ollama", new Flavour("ollama", Set.of(), Set.of(), false, "/api/version", null, null));

    private StandInServer() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Flavour flavour = FLAVOURS.get(name);
        List<String> argv = List.of(args).subList(1, args.length);
        System.out.println("stand-in " + name + " argv: " + String.join(" ", argv));
        if (name.equals("ollama")) {
            ollama(argv);
            return;
        }
        int first = 0;
        if (name.equals("sglang")) { // the stand-in is the python that runs the module
            if (argv.size() < 2 || !argv.subList(0, 2).equals(List.of("-m", "sglang.launch_server"))) {
                System.err.println("python: No module named " + (argv.size() > 1 ? argv.get(1) : "''"));
                System.exit(1);
            }
            first = 2;
        }
        String host = "127.0.0.1";
        int port = -1;
        List<String> positional = new ArrayList<>();
        for (int i = first; i < argv.size(); i++) {
            String arg = argv.get(i);
            String bare = flavour.negatable() && arg.startsWith("--no-") ? "--" + arg.substring(5) : arg;
            if (flavour.boolFlags().contains(bare)) {
                continue;
            }
            if (flavour.valueFlags().contains(arg) && i + 1 < argv.size()) {
                String value = argv.get(++i);
                if (arg.equals("--port")) {
                    port = Integer.parseInt(value);
                } else if (arg.equals("--host") || arg.equals("--hostname")) {
                    host = value;
                }
                continue;
            }
            if (arg.startsWith("-")) {
                reject(name, flavour, arg);
            }
            positional.add(arg);
        }
        System.out.println("stand-in " + name + " positional: " + positional);
        serve(host, port, flavour);
    }

    /** Each engine's parser's own words for an unknown option (argparse, clap, click, llama.cpp). */
    private static void reject(String name, Flavour flavour, String arg) {
        String message = switch (name) {
            case "vllm", "sglang" -> "usage: " + flavour.usage() + " [-h] [options]\n" + flavour.usage()
                    + ": error: unrecognized arguments: " + arg;
            case "tgi" -> "error: unexpected argument '" + arg + "' found\n\nUsage: text-generation-launcher "
                    + "[OPTIONS]\n\nFor more information, try '--help'.";
            case "trtllm" -> "Usage: trtllm-serve [OPTIONS] MODEL\nTry 'trtllm-serve --help' for help.\n\n"
                    + "Error: No such option: " + arg;
            default -> "error: invalid argument: " + arg;
        };
        System.err.println(message);
        System.err.flush();
        System.exit(name.equals("llama_server") ? 1 : 2);
    }

    private static void ollama(List<String> argv) throws Exception {
        String hostPort = System.getenv().getOrDefault("OLLAMA_HOST", "127.0.0.1:11434");
        if (argv.equals(List.of("serve"))) {
            System.out.println("stand-in ollama env: OLLAMA_NUM_PARALLEL=" + System.getenv("OLLAMA_NUM_PARALLEL")
                    + " OLLAMA_MAX_LOADED_MODELS=" + System.getenv("OLLAMA_MAX_LOADED_MODELS"));
            int colon = hostPort.lastIndexOf(':');
            serve(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), FLAVOURS.get("ollama"));
        } else if (argv.size() == 2 && argv.getFirst().equals("pull")) {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + hostPort + "/api/version")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println("pulling " + argv.get(1) + ": server says " + response.body());
            String marker = System.getenv("STAND_IN_PULLED");
            if (marker != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(marker), argv.get(1));
            }
        } else {
            System.err.println("Error: unknown command \"" + argv.getFirst() + "\" for \"ollama\"");
            System.exit(1);
        }
    }

    private static void serve(String host, int port, Flavour flavour) throws IOException, InterruptedException {
        Process worker = new ProcessBuilder("sleep", "300").start();
        System.out.println("worker pid " + worker.pid());
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext(flavour.health(), ex -> reply(ex, 200, "text/plain",
                flavour.health().equals("/api/version") ? "{\"version\":\"0.0.0-stand-in\"}" : ""));
        if (flavour.metrics() != null) {
            server.createContext(flavour.metrics(), ex -> reply(ex, 200, "text/plain; version=0.0.4",
                    flavour.metricsBody()));
        }
        server.createContext("/v1/chat/completions", StandInServer::chat);
        if (flavour.usage().equals("vllm serve") || flavour.usage().equals("llama-server")) {
            server.createContext("/tokenize", StandInServer::tokenize);
        }
        server.start();
        System.out.println("listening on " + host + ":" + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * {@code POST /tokenize}, which vLLM ({@code {"count", "max_model_len", "tokens"}}) and llama-server
     * ({@code {"tokens"}}) serve: here one token per four bytes of the request, enough for lem to fit its prompts.
     */
    private static void tokenize(HttpExchange exchange) throws IOException {
        int bytes = exchange.getRequestBody().readAllBytes().length;
        int count = Math.max(1, (bytes - 100) / 4);
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < count; i++) {
            tokens.append(i == 0 ? "" : ",").append(i);
        }
        reply(exchange, 200, "application/json", "{\"count\":" + count + ",\"max_model_len\":2048,\"tokens\":["
                + tokens + "]}");
    }

    /** Three content chunks, a usage chunk and [DONE], as OpenAI-compatible servers stream them. */
    private static void chat(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String token : List.of("a", "b", "c")) {
                out.write(("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"" + token + "\"},\"finish_reason\":null}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                    + "{\"prompt_tokens\":4,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
