package io.lem.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One measurement at a time on this machine: meters read machine-wide counters, so two runs at once would each
 * measure both. Jobs of every tab and session wait in one queue; each waiting job is told its position whenever it
 * changes, and the page shows it as "queued".
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
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Worker worker;
    /** The job being measured, guarded by {@code waiting}: counted as ahead of every job that arrives meanwhile. */
    private Job current;

    public JobQueue(Worker worker) {
        this.worker = worker;
    }

    public void submit(Job job) {
        jobs.put(job.id(), job);
        synchronized (waiting) {
            waiting.add(job);
            job.emit("queued", LabMaps.of("position", waiting.size(), "ahead", waiting.size() - 1 + (current != null ? 1 : 0)));
        }
        thread.submit(() -> execute(job));
    }

    public Job job(String id) {
        return jobs.get(id);
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
        }
    }

    @Override
    public void close() {
        jobs.values().forEach(Job::cancel);
        thread.shutdownNow();
    }
}
