package io.lem.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes a /proc-shaped tree: per-process stat lines in the kernel's format (proc(5)) and /proc/stat. */
public final class FakeProc {

    private final Path root;

    public FakeProc(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    public static String statLine(int pid, String comm, int ppid, long utime, long stime, long starttime) {
        // fields 3..52; cutime/cstime (16, 17) deliberately large: the meter must not add them
        StringBuilder b = new StringBuilder().append(pid).append(" (").append(comm).append(") S ").append(ppid);
        b.append(" ").append(pid).append(" ").append(pid).append(" 0 -1 4194304 100 0 0 0 ");
        b.append(utime).append(" ").append(stime).append(" 777777 888888 20 0 4 0 ").append(starttime);
        for (int f = 23; f <= 52; f++) {
            b.append(" 0");
        }
        return b.append("\n").toString();
    }

    public void process(int pid, String comm, int ppid, long utime, long stime) throws IOException {
        process(pid, comm, ppid, utime, stime, 1000 + pid);
    }

    public void process(int pid, String comm, int ppid, long utime, long stime, long starttime) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), statLine(pid, comm, ppid, utime, stime, starttime));
    }

    public void exit(int pid) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(Integer.toString(pid)))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** /proc/stat with the given busy split; idle, iowait and steal are large and must be ignored. */
    public void systemStat(long user, long nice, long system, long irq, long softirq) throws IOException {
        Files.writeString(root.resolve("stat"), "cpu  " + user + " " + nice + " " + system + " 99999999 5555 "
                + irq + " " + softirq + " 4444 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345\n");
    }
}
