package io.lem.lab;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One measurement at a time on this machine: meters read machine-wide counters, so two runs at once would each
 * measure both. Jobs of every tab and session wait in one queue; each waiting job is told its position whenever it
 * changes, and the page shows it as "queued".
 *
 * <p>A finished job is kept, with every event, so that a page reloaded later replays it; only the newest
 * {@code retainFinished} finished jobs are, so a Lab left running for weeks does not grow without bound (each run's
 * events hold its streamed answer). Its measurements are in the store (SQLite) either way; a dropped job answers
 * 404 like an unknown one. Waiting and running jobs are never dropped.
 */
public final class JobQueue implements AutoCloseable {

    /** Runs a job on the queue's one thread. */
    @FunctionalInterface
    public interface Worker {
        void run(Job job) throws Exception;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lem-lab-measure");
        t.setDaemon(true);
        return t;
    });
    private final List<Job> waiting = new ArrayList<>();
    /** Every job kept, oldest first; guarded by itself. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Worker worker;
    private final int retainFinished;
    /** The job being measured, guarded by {@code waiting}: counted as ahead of every job that arrives meanwhile. */
    private Job current;

    /** How many finished jobs {@link #JobQueue(Worker)} keeps. */
    public static final int DEFAULT_RETAIN_FINISHED = 200;

    public JobQueue(Worker worker) {
        this(worker, DEFAULT_RETAIN_FINISHED);
    }

    /** @param retainFinished how many finished jobs to keep for replay, at least 1 */
    public JobQueue(Worker worker, int retainFinished) {
        if (retainFinished < 1) {
            throw new IllegalArgumentException("retainFinished must be at least 1, got " + retainFinished);
        }
        this.worker = worker;
        this.retainFinished = retainFinished;
    }

    public void submit(Job job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        synchronized (waiting) {
            waiting.add(job);
            job.emit("queued", LabMaps.of("position", waiting.size(), "ahead", waiting.size() - 1 + (current != null ? 1 : 0)));
        }
        thread.submit(() -> execute(job));
    }

    /** The job, or null when unknown or dropped as one of the oldest finished. */
    public Job job(String id) {
        synchronized (jobs) {
            return jobs.get(id);
        }
    }

    /** Drops the oldest finished jobs beyond {@code retainFinished}. */
    private void prune() {
        synchronized (jobs) {
            long finished = jobs.values().stream().filter(Job::finished).count();
            for (Iterator<Job> it = jobs.values().iterator(); finished > retainFinished && it.hasNext(); ) {
                if (it.next().finished()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    private void execute(Job job) {
        synchronized (waiting) {
            waiting.remove(job);
            current = job;
            for (int i = 0; i < waiting.size(); i++) {
                waiting.get(i).emit("queued", LabMaps.of("position", i + 1, "ahead", i + 1));
            }
        }
        try {
            if (job.cancelled()) {
                job.state("cancelled", null);
                return;
            }
            job.state("running", null);
            worker.run(job);
            if (!job.finished()) {
                job.state(job.cancelled() ? "cancelled" : "done", null);
            }
        } catch (Exception | Error e) {
            job.emit("error", Map.of("message", String.valueOf(e.getMessage())));
            job.state("failed", Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            synchronized (waiting) {
                current = null;
            }
            prune();
        }
    }

    @Override
    public void close() {
        synchronized (jobs) {
            jobs.values().forEach(Job::cancel);
        }
        thread.shutdownNow();
    }
}
