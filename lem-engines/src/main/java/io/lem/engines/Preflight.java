package io.lem.engines;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.lem.engine.EngineException;

/**
 * The checks before each experiment's engine starts, so that no experiment inherits the last one's state (the inference energy protocol's
 * protocol: a fresh engine per experiment): the previous engine's processes are gone (waited for, then stopped with
 * SIGTERM and SIGKILL), the ports the next engine needs can be bound, and, where NVML is available, every GPU's
 * memory in use is back to its idle level (recorded before the first engine) within a tolerance, waiting up to a
 * timeout, since a driver frees a dead process's memory with a delay.
 */
public final class Preflight {

    /**
     * @param timeout            how long each condition may take to come true
     * @param gpuToleranceBytes  how far above idle a GPU's used memory may stay (the CUDA context of a monitor, ...)
     * @param poll               how often conditions are re-checked
     */
    public record Options(Duration timeout, long gpuToleranceBytes, Duration poll) {

        /** 120 s, 512 MiB, 250 ms. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(120), 512L << 20, Duration.ofMillis(250));
        }
    }

    /**
     * What the checks found.
     *
     * @param waitedS       seconds spent waiting in all
     * @param stoppedLeft   previous-engine processes lem had to stop itself (they had not exited)
     * @param gpuUsedBytes  used memory per GPU when the check passed (empty without NVML)
     * @param gpuIdleBytes  the idle level it was compared with
     * @param gpuSource     where the GPU numbers came from
     */
    public record Report(double waitedS, int stoppedLeft, List<Long> gpuUsedBytes, List<Long> gpuIdleBytes,
                         String gpuSource) {

        public Report {
            gpuUsedBytes = List.copyOf(gpuUsedBytes);
            gpuIdleBytes = List.copyOf(gpuIdleBytes);
        }
    }

    private final GpuMemory gpus;
    private final Options options;
    private List<Long> idle = List.of();

    public Preflight(GpuMemory gpus, Options options) {
        this.gpus = gpus;
        this.options = options;
    }

    /** Records each GPU's idle memory in use; call before the study's first engine starts. */
    public List<Long> recordIdle() throws EngineException {
        idle = read();
        return idle;
    }

    /**
     * @param previous the previous engine's process tree, captured while it ran ({@link ProcessTree#of}); empty for
     *                 the first experiment
     * @param ports    where the next engine will listen (a fixed {@code engine.port}, or the previous engine's)
     * @throws EngineException naming what is still held: a process, a port (a user error: something else holds
     *                         it), or a GPU's memory
     */
    public Report check(Collection<ProcessHandle> previous, List<InetSocketAddress> ports)
            throws EngineException, InterruptedException {
        long start = System.nanoTime();
        int stopped = 0;
        if (!ProcessTree.awaitExit(previous, options.timeout())) {
            List<ProcessHandle> left = ProcessTree.alive(previous);
            stopped = left.size();
            List<ProcessHandle> stubborn = ProcessTree.terminate(left, Duration.ofSeconds(5));
            if (!stubborn.isEmpty()) {
                throw new EngineException("the previous engine's processes " + pids(stubborn) + " survived SIGKILL; "
                        + "fix: stop them by hand before the next experiment", false);
            }
        }
        for (InetSocketAddress port : ports) {
            awaitFree(port, start);
        }
        List<Long> used = awaitGpuIdle(start);
        return new Report((System.nanoTime() - start) / 1e9, stopped, used, idle, gpus.source());
    }

    private void awaitFree(InetSocketAddress address, long start) throws EngineException, InterruptedException {
        IOException last;
        do {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(address, 1);
                return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(options.poll().toMillis());
        } while (!expired(start));
        throw new EngineException("port " + address.getPort() + " on " + address.getHostString() + " is still in use "
                + "after " + options.timeout().toSeconds() + " s (" + last.getMessage() + "); fix: stop what listens "
                + "there (ss -ltnp 'sport = :" + address.getPort() + "'), or set engine.port to another port or 0", true);
    }

    private List<Long> awaitGpuIdle(long start) throws EngineException, InterruptedException {
        List<Long> used = read();
        while (!idle.isEmpty() && over(used).isPresent()) {
            if (expired(start)) {
                int gpu = over(used).getAsInt();
                throw new EngineException(String.format(Locale.ROOT, "GPU %d holds %.0f MiB, %.0f MiB above its idle "
                        + "level of %.0f MiB (tolerance %.0f MiB), %d s after the previous engine stopped; fix: find the "
                        + "process holding it (nvidia-smi) and stop it", gpu, mib(used.get(gpu)),
                        mib(used.get(gpu) - idle.get(gpu)), mib(idle.get(gpu)), mib(options.gpuToleranceBytes()),
                        options.timeout().toSeconds()), false);
            }
            Thread.sleep(options.poll().toMillis());
            used = read();
        }
        return used;
    }

    private java.util.OptionalInt over(List<Long> used) {
        for (int i = 0; i < Math.min(used.size(), idle.size()); i++) {
            if (used.get(i) - idle.get(i) > options.gpuToleranceBytes()) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }

    private List<Long> read() throws EngineException {
        try {
            return new ArrayList<>(gpus.usedBytes());
        } catch (Exception e) {
            throw new EngineException("cannot read GPU memory from " + gpus.source() + ": " + e.getMessage(), false);
        }
    }

    private boolean expired(long start) {
        return System.nanoTime() - start >= options.timeout().toNanos();
    }

    private static double mib(long bytes) {
        return bytes / (double) (1L << 20);
    }

    private static List<Long> pids(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).toList();
    }
}
