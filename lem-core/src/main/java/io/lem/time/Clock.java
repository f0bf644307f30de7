package io.lem.time;

/**
 * The one monotonic time source of a run. Every sample, mark and request timestamp is read from the same
 * clock so that windows line up; tests inject a manual clock.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    static Clock system() {
        return System::nanoTime;
    }
}
