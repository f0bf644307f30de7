package io.lem.study;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops a running experiment from outside it (a per-experiment timeout, Ctrl-C): its load stops and its engine is
 * stopped, which also ends requests blocked on a socket that a thread interrupt alone would not reach. The
 * experiment then ends without a result.json, its raw files kept. The first reason is kept.
 */
public final class Cancellation {

    private final List<Runnable> actions = new ArrayList<>();
    private String reason;

    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = List.copyOf(actions);
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean cancelled() {
        return reason != null;
    }

    public synchronized String reason() {
        return reason;
    }

    /** Runs {@code action} on cancel (at once if already cancelled) until the returned deregistration runs. */
    Runnable onCancel(Runnable action) {
        boolean already;
        synchronized (this) {
            already = reason != null;
            if (!already) {
                actions.add(action);
            }
        }
        if (already) {
            action.run();
        }
        return () -> {
            synchronized (this) {
                actions.remove(action);
            }
        };
    }
}
