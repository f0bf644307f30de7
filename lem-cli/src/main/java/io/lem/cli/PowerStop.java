package io.lem.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a long-running {@code lem power} command when its duration runs out or on Ctrl-C/SIGTERM. The shutdown
 * hook only signals and then waits (bounded) until the command has stopped its sampler, flushed its file and
 * printed its summary: the JVM halts as soon as the hooks return, so the work must be done before that, and the
 * command's own thread is the one that knows how.
 */
final class PowerStop implements AutoCloseable {

    private static final long FINISH_LIMIT_S = 10;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;

    private PowerStop() {
        this.hook = Thread.ofPlatform().name("lem-power-stop").unstarted(() -> {
            signalled = true;
            stop.countDown();
            try {
                finished.await(FINISH_LIMIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static PowerStop onSignal() {
        PowerStop s = new PowerStop();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /**
     * Waits for the duration, or until a signal.
     *
     * @param durationS null to wait for a signal only
     * @return true when stopped by a signal
     */
    boolean await(Double durationS) throws InterruptedException {
        if (durationS == null) {
            stop.await();
        } else {
            stop.await(Math.round(durationS * 1e9), TimeUnit.NANOSECONDS);
        }
        return signalled;
    }

    /** Lets a waiting shutdown hook return, or removes the hook when no signal came. */
    @Override
    public void close() {
        finished.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutdown began meanwhile: the hook runs and returns at once since finished is counted down
            }
        }
    }
}
