package io.lem.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.lem.load.Progress;

/**
 * {@code lem load}'s progress on stderr: a redrawn bar with the ETA on a terminal, otherwise a plain line every
 * few seconds (logs and CI capture stay readable).
 */
final class LoadProgressPrinter implements Progress.Listener {

    private static final long BAR_PERIOD_NS = 100_000_000L;
    private static final long LINE_PERIOD_NS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastPrintNs = Long.MIN_VALUE;
    private Progress last;

    LoadProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(Progress p) {
        if (last != null && p.done() < last.done()) {
            return; // request threads report concurrently: an older count can arrive after a newer one
        }
        last = p;
        long period = terminal ? BAR_PERIOD_NS : LINE_PERIOD_NS;
        if (lastPrintNs != Long.MIN_VALUE && p.elapsedNs() - lastPrintNs < period) {
            return;
        }
        lastPrintNs = p.elapsedNs();
        print(p);
    }

    /** Prints the final state and ends the bar's line. */
    synchronized void finish() {
        if (last != null) {
            print(last);
        }
        if (terminal) {
            err.println();
        }
        err.flush();
    }

    private void print(Progress p) {
        String counts = p.total() > 0 ? p.done() + "/" + p.total() : String.valueOf(p.done());
        String eta = p.etaNs() < 0 ? "?" : String.format(Locale.ROOT, "%.0fs", p.etaNs() / 1e9);
        String text = String.format(Locale.ROOT, "%s requests, %d failed, %.1fs elapsed, ETA %s", counts, p.failed(),
                p.elapsedNs() / 1e9, eta);
        if (terminal) {
            double f = p.total() > 0 ? p.fraction() : Double.NaN;
            int filled = Double.isNaN(f) ? 0 : (int) Math.round(f * BAR_WIDTH);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text + "   ");
        } else {
            err.println("lem load: " + text);
        }
        err.flush();
    }
}
