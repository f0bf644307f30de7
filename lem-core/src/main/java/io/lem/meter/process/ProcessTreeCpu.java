package io.lem.meter.process;

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
import java.util.function.LongSupplier;
import io.lem.meter.MeterException;
import io.lem.meter.SysfsReader;

/**
 * CPU time of a process and all its descendants, read from {@code /proc}.
 *
 * <p>Finding the tree needs every {@code /proc/[0-9]*&#47;stat} (parent links): about 20 µs per process, so a
 * full scan on every sample would cost a server with a thousand processes 2 % of a core at 100 Hz (measured by
 * lem-bench). The tree is therefore rediscovered by a full scan at most every {@code rescanIntervalNs} (1 s by
 * default), and between scans only the known members' stat files are read. A descendant that starts and exits
 * between two scans is missed: harmless for an inference engine, whose processes live for the whole run. Scanning
 * ppid was chosen over {@code /proc/<pid>/task/*&#47;children} because children are listed per thread and that
 * file needs CONFIG_PROC_CHILDREN.
 *
 * <p>Ticks, not {@code schedstat}: {@code utime + stime} of {@code /proc/<pid>/stat} covers all threads including
 * exited ones in one read, while schedstat (ns) is per thread and loses exited threads; 10 ms ticks are ample for
 * cumulative energy over seconds.
 *
 * <p>Exited descendants: the last CPU time seen for each (pid, start time) is kept, so a child that exits does not
 * make the total drop; what it used after the last read before its exit (at most one sampling period) is lost. The
 * parent's {@code cutime} is not used: it would count reaped children a second time. The returned total never
 * decreases. A descendant whose parent exits is re-parented (to init or a subreaper) and leaves the tree at the
 * next scan: its time so far is kept, its later time is not counted.
 */
public final class ProcessTreeCpu {

    /** Default gap between full scans of /proc. */
    public static final long DEFAULT_RESCAN_INTERVAL_NS = 1_000_000_000L;

    private final Path procRoot;
    private final int rootPid;
    private final SysfsReader reader;
    private final long rescanIntervalNs;
    private final LongSupplier nanoTime;
    /** Live members by (pid, start time) key: their pid and last CPU ticks. */
    private final Map<Long, Member> members = new HashMap<>();
    private long exitedTicks;
    private long lastTotalTicks;
    private long lastScanNs;
    private boolean scanned;

    private record Member(int pid, long ticks) {
    }

    public ProcessTreeCpu(Path procRoot, int rootPid, SysfsReader reader) {
        this(procRoot, rootPid, reader, DEFAULT_RESCAN_INTERVAL_NS, System::nanoTime);
    }

    /**
     * @param rescanIntervalNs gap between full scans for new descendants; 0 scans on every read
     * @param nanoTime         when the last scan was (only for the gap, never for measurements)
     */
    public ProcessTreeCpu(Path procRoot, int rootPid, SysfsReader reader, long rescanIntervalNs, LongSupplier nanoTime) {
        this.procRoot = procRoot;
        this.rootPid = rootPid;
        this.reader = reader;
        this.rescanIntervalNs = rescanIntervalNs;
        this.nanoTime = nanoTime;
    }

    /** Total CPU ticks of the tree, including descendants that have exited since the first read. */
    public long readTicks() throws MeterException {
        long now = nanoTime.getAsLong();
        Map<Long, Member> seen = !scanned || now - lastScanNs >= rescanIntervalNs ? scanTree(now) : readMembers();
        for (Map.Entry<Long, Member> e : members.entrySet()) {
            if (!seen.containsKey(e.getKey())) {
                exitedTicks += e.getValue().ticks();
            }
        }
        long live = 0;
        for (Member m : seen.values()) {
            live += m.ticks();
        }
        members.clear();
        members.putAll(seen);
        lastTotalTicks = Math.max(lastTotalTicks, exitedTicks + live);
        return lastTotalTicks;
    }

    /** Processes in the tree at the last read. */
    public int memberCount() {
        return members.size();
    }

    /** Re-reads the known members only; one that is gone (or whose pid was reused) counts as exited. */
    private Map<Long, Member> readMembers() {
        Map<Long, Member> seen = new HashMap<>();
        for (Map.Entry<Long, Member> e : members.entrySet()) {
            try {
                ProcStat s = ProcStat.parse(reader.read(procRoot.resolve(Integer.toString(e.getValue().pid())).resolve("stat")));
                if (key(s) == e.getKey()) {
                    seen.put(e.getKey(), new Member(s.pid(), s.cpuTicks()));
                }
            } catch (IOException | IllegalArgumentException gone) {
                // exited since the last read
            }
        }
        return seen;
    }

    private Map<Long, Member> scanTree(long now) throws MeterException {
        Map<Integer, ProcStat> all = scan();
        ProcStat root = all.get(rootPid);
        if (root == null && !scanned) {
            throw new MeterException("process " + rootPid + " not found under " + procRoot
                    + ": pass the pid of a running engine process");
        }
        scanned = true;
        lastScanNs = now;
        Map<Integer, List<ProcStat>> children = new HashMap<>();
        for (ProcStat s : all.values()) {
            children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s);
        }
        Map<Long, Member> seen = new HashMap<>();
        Deque<ProcStat> todo = new ArrayDeque<>();
        if (root != null) {
            todo.add(root);
        }
        while (!todo.isEmpty()) {
            ProcStat s = todo.poll();
            seen.put(key(s), new Member(s.pid(), s.cpuTicks()));
            todo.addAll(children.getOrDefault(s.pid(), List.of()));
        }
        return seen;
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
