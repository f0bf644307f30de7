package io.lem.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.lem.study.ExperimentSummary;
import io.lem.study.StudyListener;

/** Prints a study's progress to stderr, one line per step, with the elapsed time. */
final class ConsoleProgress implements StudyListener {

    private final PrintWriter err;
    private final long startNs = System.nanoTime();

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void experimentStarted(int index, int total, String slug) {
        line(String.format(Locale.ROOT, "experiment %d/%d: %s", index, total, slug));
    }

    @Override
    public void step(String description) {
        line("  " + description);
    }

    @Override
    public void experimentFinished(ExperimentSummary s) {
        line(String.format(Locale.ROOT, "  done: %d requests, %.3f J/output token%s -> %s", s.requestsOk(),
                s.joulesPerOutputToken(), s.estimated() ? " (estimated)" : "", s.dir()));
    }

    @Override
    public void experimentSkipped(int index, String slug, java.nio.file.Path dir) {
        line(String.format(Locale.ROOT, "experiment %d: %s already measured in %s, kept", index, slug, dir));
    }

    @Override
    public void experimentRerun(int index, String slug, String previousError) {
        line(String.format(Locale.ROOT, "experiment %d failed before (%s); running it again", index, previousError));
    }

    private void line(String text) {
        err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - startNs) / 1e9, text);
        err.flush();
    }
}
