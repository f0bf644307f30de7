package io.lem.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops a running load from outside it (an engine that died or stopped answering): no request is sent after
 * {@link #stop}, and the requests in flight are cancelled, so a dead server is not "measured" as hundreds of
 * connection errors. The first reason given is kept.
 */
public final class LoadStop {

    private final List<Runnable> cancels = new ArrayList<>();
    private String reason;

    /** Stops every load watching this; later calls keep the first reason. */
    public void stop(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = List.copyOf(cancels);
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean stopped() {
        return reason != null;
    }

    /** Why the load was stopped, or null while it runs. */
    public synchronized String reason() {
        return reason;
    }

    /**
     * Runs {@code cancel} when the load is stopped (at once if it already is) until the returned deregistration
     * runs: a loop registers the interruption of its request threads for as long as they run.
     */
    Runnable onStop(Runnable cancel) {
        boolean already;
        synchronized (this) {
            already = reason != null;
            if (!already) {
                cancels.add(cancel);
            }
        }
        if (already) {
            cancel.run();
        }
        return () -> {
            synchronized (this) {
                cancels.remove(cancel);
            }
        };
    }
}
