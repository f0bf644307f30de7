package io.lem.engines;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.lem.analysis.flops.Architecture;
import io.lem.analysis.flops.HfConfig;
import io.lem.config.ConfigException;
import io.lem.config.EngineConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineException;
import io.lem.engine.EngineLaunch;
import io.lem.engine.PreparedModel;

/**
 * A serving engine lem launches per experiment as a fresh process (or {@code docker run} container) under a
 * {@link Supervisor}, which stops it with its whole process tree. {@code engine.model} is what it serves,
 * {@code engine.port} where (0: a free loopback port), and every key of its own section
 * ({@code engine.vllm.max_num_seqs: 256}) becomes a flag ({@code --max-num-seqs 256}) as {@link EngineSpec#style}
 * spells it; keys lem does not know pass through unchecked (issue 9), so the engine's own parser judges them and a
 * wrong one fails the launch with the engine's message in engine.log. {@code engine.<type>.executable} names the
 * program (default {@link EngineSpec#executable}).
 */
public class ManagedDriver implements EngineDriver {

    static final String LOOPBACK = "127.0.0.1";
    private static final List<String> KEYS = List.of("engine.model", "engine.model_params", "engine.port",
            "engine.docker.image", "engine.docker.gpus", "engine.docker.args");

    private final EngineSpec spec;
    private final JavaCommand java;
    private final Preflight.Options preflightOptions;
    /** Opened before this driver's first engine, so its idle GPU memory is the level later checks compare with. */
    private Preflight preflight;

    protected ManagedDriver(EngineSpec spec) {
        this(spec, JavaCommand.current());
    }

    protected ManagedDriver(EngineSpec spec, JavaCommand java) {
        this(spec, java, Preflight.Options.defaults());
    }

    protected ManagedDriver(EngineSpec spec, JavaCommand java, Preflight.Options preflightOptions) {
        this.spec = spec;
        this.java = java;
        this.preflightOptions = preflightOptions;
    }

    public EngineSpec spec() {
        return spec;
    }

    @Override
    public String type() {
        return spec.type();
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public PreparedModel prepare(EngineConfig engine, Consumer<String> progress) throws IOException {
        return new PreparedModel(model(engine), Path.of(model(engine)));
    }

    /**
     * The shape from a local Hugging Face {@code config.json} when {@code engine.model} is a directory holding one;
     * empty for a hub id (lem downloads nothing to learn it).
     */
    @Override
    public Optional<Architecture> architecture(EngineConfig engine, PreparedModel model) throws IOException {
        Path config = model.file().resolve("config.json");
        return Files.isDirectory(model.file()) && Files.isRegularFile(config)
                ? Optional.of(HfConfig.read(config)) : Optional.empty();
    }

    /** {@link Preflight}: the previous engine gone, a fixed {@code engine.port} free, GPU memory back to idle. */
    @Override
    public synchronized void preflight(EngineConfig engine, List<ProcessHandle> previousEngine)
            throws EngineException, InterruptedException {
        if (preflight == null) {
            preflight = new Preflight(NvmlGpuMemory.open(), preflightOptions);
            preflight.recordIdle();
        }
        Number port = (Number) engine.option("engine.port");
        preflight.check(previousEngine, port == null || port.intValue() == 0 ? List.of()
                : List.of(new InetSocketAddress(LOOPBACK, port.intValue())));
    }

    @Override
    public EngineLaunch launch(EngineConfig engine, PreparedModel model, Path logFile) throws IOException {
        Number configured = (Number) engine.option("engine.port");
        int port = configured == null || configured.intValue() == 0 ? EmbeddedEngine.freePort() : configured.intValue();
        String image = (String) engine.option("engine.docker.image");
        List<String> command;
        if (image == null) {
            command = java.supervisor(Supervisor.arguments(environment(engine, LOOPBACK, port), List.of(), false,
                    engineCommand(engine, model.servedName(), LOOPBACK, port)));
        } else {
            String name = containerName(port);
            command = java.supervisor(Supervisor.arguments(Map.of(), List.of("docker", "stop", "--time", "5", name),
                    false, dockerCommand(engine, model.servedName(), port, image, name)));
        }
        return new EngineLaunch(spec.displayName() + (image == null ? "" : " (docker " + image + ")"), command,
                URI.create("http://" + LOOPBACK + ":" + port), logFile);
    }

    @Override
    public String healthPath() {
        return spec.healthPath();
    }

    /** The first of the engine's batch keys that the study sets, else its documented default (0: none). */
    @Override
    public int batchLimit(EngineConfig engine) {
        for (String key : spec.batchKeys()) {
            Object value = engine.option(spec.key(key));
            if (value != null) {
                try {
                    return Integer.parseInt(FlagStyle.scalar(spec.key(key), value).strip());
                } catch (NumberFormatException e) {
                    throw new ConfigException(spec.key(key), "'" + value + "' is not a whole number; fix: give the "
                            + "batch limit as a positive integer");
                }
            }
        }
        return spec.batchDefault();
    }

    /** The engine's own command line: executable, model, host and port, then the study's flags in their order. */
    public List<String> engineCommand(EngineConfig engine, String model, String host, int port) {
        List<String> command = new ArrayList<>();
        Object executable = engine.option(spec.key("executable"));
        command.add(executable == null ? spec.executable() : executable.toString());
        command.addAll(spec.leadingArgs());
        if (spec.modelFlag() != null) {
            command.add(spec.modelFlag());
        }
        command.add(model);
        command.addAll(List.of(spec.hostFlag(), host, spec.portFlag(), Integer.toString(port)));
        command.addAll(flags(engine));
        return command;
    }

    /**
     * {@code docker run} of the same command: the engine listens on all of the container's interfaces, published on
     * the host's loopback only; the container is named so the supervisor can {@code docker stop} it, and
     * {@code --rm} removes it after.
     */
    public List<String> dockerCommand(EngineConfig engine, String model, int port, String image, String name) {
        List<String> inner = engineCommand(engine, model, "0.0.0.0", port);
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--name", name,
                "--gpus", String.valueOf(engine.option("engine.docker.gpus")),
                "-p", LOOPBACK + ":" + port + ":" + port));
        environment(engine, "0.0.0.0", port).forEach((k, v) -> command.addAll(List.of("-e", k + "=" + v)));
        Object extra = engine.option("engine.docker.args");
        if (extra instanceof List<?> list) {
            list.forEach(a -> command.add(a.toString()));
        }
        command.addAll(List.of("--entrypoint", inner.getFirst(), image));
        command.addAll(inner.subList(1, inner.size()));
        return command;
    }

    /** The flags of the engine's own section, in the study's order; {@link #reserved} keys are the driver's. */
    protected List<String> flags(EngineConfig engine) {
        List<String> flags = new ArrayList<>();
        sectionKeys(engine).forEach((name, value) -> flags.addAll(spec.style().args(spec.key(name), name, value)));
        return flags;
    }

    /** Keys of the engine's section that are not flags (default: {@code executable}). */
    protected Set<String> reserved() {
        return Set.of("executable");
    }

    /** The engine's section without the reserved keys: name (after {@code engine.<type>.}) to value. */
    protected Map<String, Object> sectionKeys(EngineConfig engine) {
        Map<String, Object> section = new LinkedHashMap<>();
        String prefix = "engine." + spec.type() + ".";
        engine.options().forEach((key, value) -> {
            if (key.startsWith(prefix) && !reserved().contains(key.substring(prefix.length()))) {
                section.put(key.substring(prefix.length()), value);
            }
        });
        return section;
    }

    /** Environment variables the engine is started with (none by default; Ollama is configured this way). */
    protected Map<String, String> environment(EngineConfig engine, String host, int port) {
        return Map.of();
    }

    protected String model(EngineConfig engine) {
        if (engine.model() == null) {
            throw new ConfigException("engine.model", "engine.type " + spec.type() + " needs the model to serve; "
                    + "fix: set engine.model to a Hugging Face id or a local path the engine can load");
        }
        return engine.model();
    }

    private String containerName(int port) {
        return "lem-" + spec.type().replace('_', '-') + "-" + port + "-" + ProcessHandle.current().pid();
    }
}
