package io.lem.llamacpp.serve;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code lem serve} runs a model.
 *
 * @param ctxPerSlot context tokens per parallel slot; llama.cpp gets {@code ctxPerSlot * parallel} in total
 *                   and splits it evenly, so each concurrent request has the same room whatever the slot count
 */
public record ServeOptions(Path model, String host, int port, int threads, int parallel, int ctxPerSlot,
                           int batch, long seed) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_PARALLEL = io.lem.config.Defaults.ENGINE_PARALLEL;
    /** engine.ctx's default: one context per slot for lem serve alone and for the engines a study launches. */
    public static final int DEFAULT_CTX_PER_SLOT = io.lem.config.Defaults.ENGINE_CTX_PER_SLOT;
    public static final int DEFAULT_BATCH = io.lem.config.Defaults.ENGINE_BATCH;
    public static final long DEFAULT_SEED = io.lem.config.Defaults.ENGINE_SEED;

    public ServeOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        requireRange("port", port, 0, 65_535);
        requireRange("threads", threads, 1, 1024);
        requireRange("parallel", parallel, 1, 256);
        requireRange("ctx", ctxPerSlot, 16, 1 << 20);
        requireRange("batch", batch, 1, 1 << 16);
    }

    /** Cores − 1 measured best on small machines: one core stays free for HTTP, the sampler and the OS. */
    public static int defaultThreads() {
        return io.lem.config.Defaults.ENGINE_THREADS;
    }

    public static ServeOptions defaults(Path model) {
        return new ServeOptions(model, DEFAULT_HOST, DEFAULT_PORT, defaultThreads(), DEFAULT_PARALLEL,
                DEFAULT_CTX_PER_SLOT, DEFAULT_BATCH, DEFAULT_SEED);
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(model, host, newPort, threads, parallel, ctxPerSlot, batch, seed);
    }

    public ServeOptions withParallel(int newParallel) {
        return new ServeOptions(model, host, port, threads, newParallel, ctxPerSlot, batch, seed);
    }

    public ServeOptions withThreads(int newThreads) {
        return new ServeOptions(model, host, port, newThreads, parallel, ctxPerSlot, batch, seed);
    }

    public ServeOptions withCtxPerSlot(int newCtxPerSlot) {
        return new ServeOptions(model, host, port, threads, parallel, newCtxPerSlot, batch, seed);
    }

    public int totalCtx() {
        return ctxPerSlot * parallel;
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw ServeException.user("--" + option + " " + value + " is out of range: use " + min + ".." + max);
        }
    }
}
