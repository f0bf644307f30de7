package io.lem.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.lem.analysis.flops.Architecture;
import io.lem.config.EngineConfig;

/**
 * An inference engine lem can start, measure and stop, selected by {@code engine.type} (its {@link #type()}).
 * Drivers are found with {@link java.util.ServiceLoader} (see {@link EngineDrivers}): a module registers one in
 * {@code META-INF/services/io.lem.engine.EngineDriver}. A driver describes the engine as a command-line program with
 * its own flags and health endpoint; lem starts it as a child process ({@link EngineProcess}), one per experiment.
 */
public interface EngineDriver {

    /** The value of {@code engine.type} that selects this driver, e.g. {@code embedded}. */
    String type();

    /** The {@code engine.*} keys this driver reads; setting any other engine key is a config error. */
    List<String> keys();

    /**
     * Finds, checks or writes what the engine will serve, before anything of the study runs, so that a missing
     * model fails early. Called once per experiment before the study starts and again before its engine starts;
     * it must be cheap the second time.
     *
     * @param progress told about slow preparation (writing a synthetic model), one line each
     * @throws io.lem.config.ConfigException when the config names a model or preset that does not exist
     */
    PreparedModel prepare(EngineConfig engine, Consumer<String> progress) throws IOException;

    /** The command line, URL and log file of one experiment's engine, on a port free at this moment. */
    EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) throws IOException;

    /**
     * The path under the base URL that answers 200 once the engine serves requests: {@code /health} for lem serve,
     * vLLM, SGLang, TGI and llama-server; an engine without it (Ollama) names its own.
     */
    default String healthPath() {
        return "/health";
    }

    /**
     * The most requests the engine decodes together (B: parallel slots, vLLM's {@code max_num_seqs}): ML.ENERGY's
     * steady-state window and batch checks are defined in terms of it.
     */
    int batchLimit(EngineConfig engine);

    /**
     * The shape of the model the engine serves, for the FLOPs estimate (methodology.md, "FLOPs"): read from the GGUF
     * file or a local Hugging Face {@code config.json}. Empty when the driver cannot know it (a hub model id, an
     * engine lem does not launch): FLOPs are then null in result.json, with the reason.
     *
     * @throws IOException when the model file cannot be read
     */
    default Optional<Architecture> architecture(EngineConfig engine, PreparedModel model) throws IOException {
        return Optional.empty();
    }

    /**
     * Checks, just before this experiment's engine launches, that nothing of the previous experiment is left (the
     * protocol's fresh engine per experiment): its processes gone, the port free, GPU memory back to idle. The
     * runner records a failed check as the experiment's failure and goes on with the next one. Nothing to check by
     * default (the embedded engine is lem's own child, stopped and waited for).
     *
     * @param previousEngine the previous experiment's engine process and its descendants, captured while it ran;
     *                       empty before the first
     * @throws EngineException naming what is still held and how to free it
     */
    default void preflight(EngineConfig engine, List<ProcessHandle> previousEngine)
            throws EngineException, InterruptedException {
    }
}
