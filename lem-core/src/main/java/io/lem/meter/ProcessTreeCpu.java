package io.lem.meter;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of a process and all its descendants, read from {@code /proc}.
 *
 * <p>Each read scans {@code /proc/[0-9]*&#47;stat} once, builds the parent links and walks the tree from the root pid:
 * one small file per process (a few hundred on a server), cheap at the sampler's 10 Hz. Scanning ppid was chosen
 * over {@code /proc/<pid>/task/*&#47;children} because children are listed per thread (every thread of the engine
 * would have to be listed too) and that file needs CONFIG_PROC_CHILDREN.
 *
 * <p>Ticks, not {@code schedstat}: {@code utime + stime} of {@code /proc/<pid>/stat} covers all threads including
 * exited ones in one read, while schedstat (ns) is per thread and loses exited threads; 10 ms ticks are ample for
 * cumulative energy over seconds.
 *
 * <p>Exited descendants: the last CPU time seen for each (pid, start time) is kept, so a child that exits does not
 * make the total drop; what it used after the last read before its exit (at most one sampling period) is lost. The
 * parent's {@code cutime} is not used: it would count reaped children a second time. The returned total never
 * decreases. A descendant whose parent exits is re-parented (to init or a subreaper) and leaves the tree: its time
 * so far is kept, its later time is not counted.
 */
public final class ProcessTreeCpu {

    private final Path procRoot;
    private final int rootPid;
    private final SysfsReader reader;
    private final Map<Long, Long> lastTicksByProcess = new HashMap<>();
    private long exitedTicks;
    private long lastTotalTicks;
    private int lastMemberCount;

    public ProcessTreeCpu(Path procRoot, int rootPid, SysfsReader reader) {
        this.procRoot = procRoot;
        this.rootPid = rootPid;
        this.reader = reader;
    }

    /** Total CPU ticks of the tree, including descendants that have exited since the first read. */
    public long readTicks() throws MeterException {
        Map<Integer, ProcStat> all = scan();
        ProcStat root = all.get(rootPid);
        if (root == null && lastTicksByProcess.isEmpty()) {
            throw new MeterException("process " + rootPid + " not found under " + procRoot
                    + ": pass the pid of a running engine process");
        }
        Map<Integer, List<ProcStat>> children = new HashMap<>();
        for (ProcStat s : all.values()) {
            children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s);
        }
        Map<Long, Long> seen = new HashMap<>();
        Deque<ProcStat> todo = new ArrayDeque<>();
        if (root != null) {
            todo.add(root);
        }
        while (!todo.isEmpty()) {
            ProcStat s = todo.poll();
            seen.put(key(s), s.cpuTicks());
            todo.addAll(children.getOrDefault(s.pid(), List.of()));
        }
        for (Map.Entry<Long, Long> e : lastTicksByProcess.entrySet()) {
            if (!seen.containsKey(e.getKey())) {
                exitedTicks += e.getValue();
            }
        }
        lastTicksByProcess.clear();
        lastTicksByProcess.putAll(seen);
        long live = 0;
        for (long t : seen.values()) {
            live += t;
        }
        lastMemberCount = seen.size();
        lastTotalTicks = Math.max(lastTotalTicks, exitedTicks + live);
        return lastTotalTicks;
    }

    /** Processes in the tree at the last read. */
    public int memberCount() {
        return lastMemberCount;
    }

    private static long key(ProcStat s) {
        return ((long) s.pid() << 40) ^ s.startTimeTicks();
    }

    private Map<Integer, ProcStat> scan() throws MeterException {
        Map<Integer, ProcStat> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, ProcessTreeCpu::isPidDir)) {
            for (Path dir : dirs) {
                try {
                    ProcStat s = ProcStat.parse(reader.read(dir.resolve("stat")));
                    all.put(s.pid(), s);
                } catch (IOException | IllegalArgumentException e) {
                    // the process exited between listing and reading, or is not readable: not part of any tree we see
                }
            }
        } catch (IOException e) {
            throw new MeterException("cannot list " + procRoot + ": " + e.getMessage(), e);
        }
        return all;
    }

    private static boolean isPidDir(Path p) {
        String name = p.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
