package io.lem.engines;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process lem starts for a managed engine: it runs the engine with its environment and stops it with its whole
 * process tree. lem's {@link io.lem.engine.EngineProcess} knows one process and sends it SIGTERM (SIGKILL 10 s
 * later); an engine's workers would outlive that, or be orphaned when the engine dies. The supervisor remembers
 * every descendant it has seen (polled, so workers re-parented to init after their parent died are still known),
 * and on SIGTERM, or when the engine exits on its own, stops them all ({@link ProcessTree#terminate}) within a grace
 * shorter than lem's. It exits with the engine's status, so lem sees the engine's own exit code (2 for a bad flag).
 *
 * <pre>Supervisor [--env K=V]... [--grace-s S] [--stop-arg A]... [--hold] -- COMMAND ARGS...</pre>
 * {@code --stop-arg}s form a command run first on stop ({@code docker stop NAME}: the container is not a descendant);
 * {@code --hold} runs nothing and waits to be stopped (an endpoint lem does not start).
 */
public final class Supervisor {

    /** Below {@link io.lem.engine.EngineProcess}'s 10 s between SIGTERM and SIGKILL, so the tree is always stopped. */
    static final double DEFAULT_GRACE_S = 7;

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> stopCommand = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private final Set<ProcessHandle> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Duration grace = Duration.ofMillis((long) (DEFAULT_GRACE_S * 1000));
    private boolean hold;

    private Supervisor() {
    }

    /** The arguments of a supervisor running {@code command}. */
    public static List<String> arguments(Map<String, String> env, List<String> stopCommand, boolean hold,
                                         List<String> command) {
        List<String> args = new ArrayList<>();
        env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        stopCommand.forEach(a -> args.addAll(List.of("--stop-arg", a)));
        if (hold) {
            args.add("--hold");
        }
        args.add("--");
        args.addAll(command);
        return args;
    }

    public static void main(String[] args) throws Exception {
        Supervisor supervisor = new Supervisor();
        supervisor.parse(args);
        System.exit(supervisor.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--env" -> {
                    String kv = args[++i];
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                case "--grace-s" -> grace = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--stop-arg" -> stopCommand.add(args[++i]);
                case "--hold" -> hold = true;
                case "--" -> {
                    command.addAll(List.of(args).subList(i + 1, args.length));
                    return;
                }
                default -> throw new IllegalArgumentException("lem supervisor: unknown argument " + args[i]);
            }
        }
    }

    private int run() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "lem-supervisor-stop"));
        if (hold) {
            Thread.currentThread().join(); // until SIGTERM
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        Process engine;
        try {
            engine = builder.start();
        } catch (IOException e) {
            System.out.println("lem: cannot start " + command.getFirst() + ": " + e.getMessage());
            System.out.flush();
            return 127;
        }
        Thread.ofPlatform().daemon().name("lem-supervisor-track").start(() -> track(engine.toHandle()));
        int code = engine.waitFor();
        seen.addAll(ProcessHandle.current().descendants().toList());
        stop(); // the engine exited on its own: its workers go with it
        return code;
    }

    private void track(ProcessHandle root) {
        while (true) {
            seen.add(root);
            ProcessHandle.current().descendants().forEach(seen::add);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws InterruptedException, IOException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!stopCommand.isEmpty()) {
            Process stopping = new ProcessBuilder(stopCommand).inheritIO().start();
            if (!stopping.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly();
            }
        }
        Set<ProcessHandle> all = new LinkedHashSet<>(seen);
        ProcessHandle.current().descendants().forEach(all::add);
        ProcessTree.terminate(all, grace);
    }
}
