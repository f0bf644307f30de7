package io.lem.study;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.lem.config.ConfigException;
import io.lem.engine.EngineException;
import io.lem.engine.EngineFailedException;
import io.lem.meter.MeterException;

/**
 * Runs units in this JVM with {@link ExperimentRunner}, each on its own thread. When the time is up the experiment is
 * cancelled ({@link Cancellation}: its load and engine are stopped) and its thread interrupted; the raw files
 * written so far stay and no result.json is written. An interrupt of the calling thread (Ctrl-C) is passed on the same way and the unit is
 * recorded as interrupted; the interrupt is consumed (the outcome says it), so that the caller can still write its
 * files.
 */
public final class LocalExecutor implements Executor {

    /** How long a timed-out or interrupted experiment gets to stop its engine and close its files. */
    private static final long STOP_GRACE_MS = 60_000;

    private final ExperimentRunner runner;

    public LocalExecutor(ExperimentRunner runner) {
        this.runner = runner;
    }

    @Override
    public UnitOutcome execute(Unit unit) throws IOException {
        AtomicReference<Object> ended = new AtomicReference<>();
        Cancellation cancellation = new Cancellation();
        Thread worker = Thread.ofPlatform().name("lem-unit-" + unit.point() + "." + unit.cycle()).unstarted(() -> {
            try {
                ended.set(UnitOutcome.done(runner.run(unit.studyName(), unit.config(), unit.dir(), cancellation)));
            } catch (InterruptedException e) {
                ended.set(UnitOutcome.ended(RunStatus.INTERRUPTED, "interrupted", null));
            } catch (EngineException e) {
                ended.set(e.userError() ? new ConfigException("engine", e.getMessage())
                        : UnitOutcome.ended(RunStatus.FAILED, e.getMessage(),
                        e instanceof EngineFailedException f ? f.failure() : null));
            } catch (MeterException e) {
                ended.set(new ConfigException("measurement.meters", e.getMessage()));
            } catch (IOException | RuntimeException e) {
                ended.set(e);
            }
        });
        worker.start();
        boolean interrupted = false;
        long timeoutMs = unit.timeoutS() > 0 ? Math.round(unit.timeoutS() * 1000) : 0;
        try {
            worker.join(timeoutMs);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        boolean timedOut = !interrupted && worker.isAlive();
        if (worker.isAlive()) {
            cancellation.cancel(interrupted ? "interrupted" : "experiment timeout");
            worker.interrupt();
            try {
                worker.join(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            return UnitOutcome.ended(RunStatus.INTERRUPTED, "interrupted (Ctrl-C or a stop request)", null);
        }
        if (timedOut) {
            return UnitOutcome.ended(RunStatus.TIMED_OUT, String.format(Locale.ROOT, "still running after %.0f s "
                    + "(execution.experiment_timeout_s); lem stopped it", unit.timeoutS()), null);
        }
        return switch (ended.get()) {
            case UnitOutcome o -> o;
            case IOException e -> UnitOutcome.ended(RunStatus.FAILED, "I/O error: " + e.getMessage(), null);
            case ConfigException e -> throw e;
            case RuntimeException e -> throw e;
            case null -> UnitOutcome.ended(RunStatus.INTERRUPTED, "the experiment did not stop in time", null);
            default -> throw new IllegalStateException("unexpected " + ended.get());
        };
    }
}
