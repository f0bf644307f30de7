package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;

/**
 * Follows one job array until every task has ended: at each look it asks squeue (ended tasks included), then reads
 * the tasks' status files, and where Slurm has forgotten a task asks sacct, whose answer it can do without. It
 * reports the state of every run through {@link Changes} whenever it changes; it never writes a file itself.
 * {@link #stop} ends the following early, with or without cancelling the array.
 */
public final class ArrayFollower {

    /** Looks in a row that Slurm must not know a task before it counts as lost: a scheduler may lag a moment. */
    private static final int UNKNOWN_LOOKS = 3;
    private static final long NAP_MS = 100;

    /** Where the runs stand: running and ended ones by run index. */
    @FunctionalInterface
    public interface Changes {
        void changed(Map<Integer, UnitOutcome> runs, String progress) throws IOException;
    }

    /**
     * How the following ended.
     *
     * @param ended     every run that ended, by run index
     * @param complete  every task ended
     * @param cancelled this follower cancelled the array
     */
    public record Followed(Map<Integer, UnitOutcome> ended, boolean complete, boolean cancelled) {
    }

    private final SlurmCommands slurm;
    private final Path studyDir;
    private final String jobId;
    private final List<Integer> units;
    private final double pollS;
    private volatile boolean stop;
    private volatile boolean cancel;

    public ArrayFollower(SlurmCommands slurm, Path studyDir, String jobId, List<Integer> units, double pollS) {
        this.slurm = slurm;
        this.studyDir = studyDir;
        this.jobId = jobId;
        this.units = List.copyOf(units);
        this.pollS = pollS;
    }

    /** Asks {@link #follow} to return at its next look; with {@code cancelArray} it first scancels the array. */
    public void stop(boolean cancelArray) {
        cancel = cancelArray;
        stop = true;
    }

    public Followed follow(Changes changes) throws IOException, InterruptedException {
        Map<Integer, UnitOutcome> ended = new TreeMap<>();
        Map<Integer, Integer> unknownLooks = new HashMap<>();
        boolean cancelled = false;
        String last = null;
        while (true) {
            if (stop && cancel && !cancelled) {
                slurm.scancel(jobId);
                cancelled = true;
            }
            Map<Integer, SlurmCommands.TaskState> tasks = slurm.squeue(jobId).stream()
                    .collect(Collectors.toMap(SlurmCommands.TaskState::index, Function.identity(), (a, b) -> b));
            Map<Integer, SlurmCommands.TaskState> accounted = null;
            Map<Integer, UnitOutcome> now = new TreeMap<>(ended);
            int running = 0;
            for (int unit : units) {
                if (ended.containsKey(unit)) {
                    continue;
                }
                UnitStatus status = UnitStatus.read(studyDir, unit); // after squeue: a finished task wrote it first
                SlurmCommands.TaskState task = tasks.get(unit);
                if (task == null) {
                    if (accounted == null) {
                        accounted = accounting();
                    }
                    task = accounted.get(unit);
                }
                int looks = task == null ? unknownLooks.merge(unit, 1, Integer::sum) : 0;
                UnitOutcome verdict = TaskVerdict.of(unit, jobId, status, task, cancelled, looks >= UNKNOWN_LOOKS);
                if (verdict != null) {
                    ended.put(unit, verdict);
                    now.put(unit, verdict);
                } else if (status != null || task != null && task.state().equals("RUNNING")) {
                    running++;
                    now.put(unit, UnitOutcome.ended(RunStatus.RUNNING, null, null));
                }
            }
            String progress = progress(ended, running);
            if (!progress.equals(last)) {
                changes.changed(now, progress);
                last = progress;
            }
            boolean complete = ended.size() == units.size();
            if (complete || stop && (!cancel || cancelledAndSettled(tasks, ended))) {
                return new Followed(Map.copyOf(ended), complete, cancelled);
            }
            nap();
        }
    }

    /** After scancel, the tasks Slurm still shows running get a moment to be marked cancelled. */
    private boolean cancelledAndSettled(Map<Integer, SlurmCommands.TaskState> tasks, Map<Integer, UnitOutcome> ended) {
        return units.stream().filter(u -> !ended.containsKey(u)).noneMatch(u -> tasks.containsKey(u));
    }

    private Map<Integer, SlurmCommands.TaskState> accounting() throws IOException, InterruptedException {
        Optional<List<SlurmCommands.TaskState>> sacct = slurm.sacct(jobId);
        Map<Integer, SlurmCommands.TaskState> byIndex = new LinkedHashMap<>();
        sacct.ifPresent(list -> list.forEach(t -> byIndex.put(t.index(), t)));
        return byIndex;
    }

    private String progress(Map<Integer, UnitOutcome> ended, int running) {
        Map<RunStatus, Long> counts = ended.values().stream()
                .collect(Collectors.groupingBy(UnitOutcome::status, TreeMap::new, Collectors.counting()));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "slurm job %s: %d/%d runs ended", jobId,
                ended.size(), units.size()));
        counts.forEach((status, n) -> s.append(", ").append(n).append(' ').append(status.jsonName()));
        s.append(", ").append(running).append(" running, ").append(units.size() - ended.size() - running)
                .append(" pending");
        return s.toString();
    }

    private void nap() throws InterruptedException {
        long until = System.nanoTime() + Math.round(pollS * 1e9);
        do {
            Thread.sleep(NAP_MS); // at least one nap: after scancel the loop waits for Slurm, not in a spin
        } while (!stop && System.nanoTime() < until);
    }
}
