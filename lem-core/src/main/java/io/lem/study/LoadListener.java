package io.lem.study;

import io.lem.load.Progress;

/** What a load run reports while it runs: progress, and one-line notes (baseline, warnings). Keep both quick. */
public interface LoadListener extends Progress.Listener {

    LoadListener NONE = new LoadListener() {
    };

    @Override
    default void progress(Progress progress) {
    }

    /** A line for the user, without a prefix, e.g. {@code idle baseline 30 s (meters: rapl)}. */
    default void note(String line) {
    }
}
