package io.lem.engines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process with all of its descendants: serving engines fork workers (vLLM's engine core and one process per
 * tensor-parallel rank, SGLang's scheduler and detokenizer, TGI's shards, Ollama's runner), and a worker left alive
 * keeps its GPU memory and power draw into the next experiment. SIGTERM to all first, so each can shut down cleanly,
 * then SIGKILL to whatever is left after the grace period ({@link ProcessHandle#descendants}).
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /** The process and its live descendants, children first from the root down. */
    public static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** Those of {@code handles} still alive. */
    public static List<ProcessHandle> alive(Collection<ProcessHandle> handles) {
        return handles.stream().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * SIGTERM to every live one, wait up to {@code grace} for all to exit, SIGKILL the rest.
     *
     * @return the processes that did not exit even after SIGKILL (empty normally)
     */
    public static List<ProcessHandle> terminate(Collection<ProcessHandle> handles, Duration grace)
            throws InterruptedException {
        List<ProcessHandle> live = alive(handles);
        live.forEach(ProcessHandle::destroy);
        awaitExit(live, grace);
        List<ProcessHandle> stubborn = alive(live);
        stubborn.forEach(ProcessHandle::destroyForcibly);
        awaitExit(stubborn, Duration.ofSeconds(5));
        return alive(stubborn);
    }

    /** Waits until all have exited or the timeout passed; true when all are gone. */
    public static boolean awaitExit(Collection<ProcessHandle> handles, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        return alive(handles).isEmpty();
    }
}
