package io.lem.meter.prometheus;

import java.util.concurrent.Callable;

/** Polls a condition that background scraping will make true; fails after a generous bound, asserts no timing. */
final class Await {

    private Await() {
    }

    static void until(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("timed out waiting until " + what, last);
    }
}
