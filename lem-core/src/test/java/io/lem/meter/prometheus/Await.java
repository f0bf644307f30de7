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

    /** A read that succeeds, retrying reads refused as stale while the loaded test machine lags the scraper. */
    static double[] fresh(Callable<double[]> read) throws Exception {
        double[][] out = new double[1][];
        until("a fresh read", () -> {
            out[0] = read.call();
            return true;
        });
        return out[0];
    }
}
