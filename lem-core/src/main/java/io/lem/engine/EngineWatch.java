package io.lem.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lem.client.InferenceClient;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.load.LoadStop;
import io.lem.load.LoadWatch;
import io.lem.time.Clock;

/**
 * Watches an experiment's engine while it is measured. When the engine exits, or when no chunk arrives on any
 * request in flight for the stall timeout (then lem stops it), the load is stopped at once and the failure is kept
 * for the experiment to report. Closing the watch disarms it, so lem stopping the engine afterwards is no failure.
 */
public final class EngineWatch implements AutoCloseable, LoadWatch {

    private static final int LOG_TAIL_LINES = 20;
    /** How long a request that lost its connection waits for the engine's exit to be seen, before sending more. */
    private static final long EXIT_SETTLE_MS = 500;
    /** How long lem waits for a failed engine's exit status (a stopped engine gets SIGTERM, then SIGKILL). */
    private static final long EXIT_WAIT_S = 20;

    private final EngineProcess process;
    private final LoadStop stop;
    private final Clock clock;
    private final long stallNs;
    private final Thread watchdog;

    private boolean armed = true;
    private String phase = "preparation";
    private String failedPhase;
    private boolean exited;
    private double stalledS = Double.NaN;
    private int stalledRequests;
    private int inFlight;
    private long lastProgressNs;
    private long idleSinceNs;

    private EngineWatch(EngineProcess process, Duration stallTimeout, LoadStop stop, Clock clock) {
        this.process = process;
        this.stop = stop;
        this.clock = clock;
        this.stallNs = stallTimeout.toNanos();
        this.lastProgressNs = clock.nanoTime();
        this.idleSinceNs = lastProgressNs;
        process.exited().thenRun(this::exited);
        long checkMs = Math.clamp(stallTimeout.toMillis() / 10, 20, 1000);
        this.watchdog = Thread.ofVirtual().name("lem-engine-watchdog-" + process.pid()).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(checkMs);
                    checkStall();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /**
     * @param stallTimeout how long the requests in flight may go without a chunk ({@code workload.request_timeout_s})
     * @param stop         stopped when the engine fails
     */
    public static EngineWatch start(EngineProcess process, Duration stallTimeout, LoadStop stop, Clock clock) {
        return new EngineWatch(process, stallTimeout, stop, clock);
    }

    /** Names what the experiment does now, for the failure's reason. */
    public synchronized void phase(String name) {
        phase = name;
    }

    /** Tells the watch that a chunk arrived: the engine is alive. Pass it to the client as its chunk listener. */
    @Override
    public synchronized void chunk(long arrivedNs) {
        lastProgressNs = Math.max(lastProgressNs, arrivedNs);
    }

    /**
     * The client with its requests counted in flight. A request that lost its connection waits briefly for the
     * engine's exit to register, so that the loop stops before it sends the next one into a dead port.
     */
    public InferenceClient watched(InferenceClient client) {
        return request -> {
            begin();
            RequestRecord record = null;
            try {
                record = client.send(request);
                return record;
            } finally {
                end(record);
            }
        };
    }

    /**
     * A request ended (null: it threw). One that lost its connection waits briefly for the engine's exit to register,
     * so that the load stops before it sends the next one into a dead port.
     */
    @Override
    public void end(RequestRecord record) {
        end(record != null && record.ok());
        if (record != null && lostConnection(record.status()) && !Thread.currentThread().isInterrupted()) {
            settle();
        }
    }

    /** Throws when the engine failed; the experiment stops here, its raw files kept. */
    public void check() throws EngineFailedException, InterruptedException {
        Optional<EngineFailure> failure = failure();
        if (failure.isPresent()) {
            throw new EngineFailedException(failure.get());
        }
    }

    /**
     * After an I/O error talking to the engine outside the load (tokenizing the prompts): waits briefly for the exit
     * to register and throws when the engine is gone, so that experiment fails rather than the whole study.
     */
    public void checkAfterIoError() throws EngineFailedException, InterruptedException {
        settle();
        check();
    }

    /** The failure, once the engine has exited (waiting a while for a stopped one), or empty while it is fine. */
    public Optional<EngineFailure> failure() throws InterruptedException {
        String at;
        double stalled;
        int requests;
        synchronized (this) {
            if (failedPhase == null) {
                return Optional.empty();
            }
            at = failedPhase;
            stalled = stalledS;
            requests = stalledRequests;
        }
        int code = exitCode();
        String exit = EngineFailure.describeExit(code);
        String reason = Double.isNaN(stalled)
                ? "engine " + exit + " during the " + at
                : String.format(Locale.ROOT, "engine stopped answering during the %s: no chunk on any of the %d "
                        + "requests in flight for %.0f s (workload.request_timeout_s); lem stopped it (%s)",
                at, requests, stalled, exit);
        return Optional.of(new EngineFailure(reason, at, code, EngineFailure.signalOf(code), stalled,
                process.logTail(LOG_TAIL_LINES)));
    }

    @Override
    public void close() {
        synchronized (this) {
            armed = false;
        }
        watchdog.interrupt();
    }

    private int exitCode() throws InterruptedException {
        try {
            return process.exited().get(EXIT_WAIT_S, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return -1;
        }
    }

    private void exited() {
        synchronized (this) {
            if (!armed || exited) {
                return;
            }
            exited = true;
            if (failedPhase == null) {
                failedPhase = phase;
            }
        }
        stop.stop("engine exited");
    }

    private void checkStall() {
        int requests;
        synchronized (this) {
            long now = clock.nanoTime();
            if (!armed || failedPhase != null || inFlight == 0 || now - lastProgressNs < stallNs) {
                return;
            }
            failedPhase = phase;
            stalledS = (now - lastProgressNs) / 1e9;
            stalledRequests = inFlight;
            requests = inFlight;
        }
        stop.stop("engine stopped answering with " + requests + " requests in flight");
        process.terminate();
    }

    /**
     * Time without requests in flight does not count as a stall: the stall clock is shifted by it, so failed
     * (timed-out) requests followed at once by new ones still add up to a stall.
     */
    @Override
    public synchronized void begin() {
        if (inFlight++ == 0) {
            lastProgressNs += clock.nanoTime() - idleSinceNs;
        }
    }

    private synchronized void end(boolean ok) {
        long now = clock.nanoTime();
        if (ok) {
            lastProgressNs = now;
        }
        if (--inFlight == 0) {
            idleSinceNs = now;
        }
    }

    private static boolean lostConnection(RequestStatus status) {
        return status == RequestStatus.CONNECTION_ERROR || status == RequestStatus.PROTOCOL_ERROR;
    }

    private void settle() {
        try {
            process.exited().get(EXIT_SETTLE_MS, TimeUnit.MILLISECONDS);
            exited(); // the exit callback may not have run yet on its own thread
        } catch (TimeoutException | ExecutionException e) {
            // the engine lives: a lost connection of its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
