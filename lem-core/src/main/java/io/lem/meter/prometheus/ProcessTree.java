package io.lem.meter.prometheus;

import io.lem.meter.process.ProcStat;
import io.lem.meter.SysfsReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/** The pids of a process and all its descendants, from the ppid field of every {@code <procRoot>/<pid>/stat}. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The root and its descendants now; empty when the root does not exist (or /proc cannot be listed). */
    static Set<Integer> pids(Path procRoot, int rootPid, SysfsReader reader) {
        Map<Integer, List<Integer>> children = new HashMap<>();
        boolean rootSeen = false;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, ProcessTree::isPidDir)) {
            for (Path dir : dirs) {
                try {
                    ProcStat s = ProcStat.parse(reader.read(dir.resolve("stat")));
                    children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
                    rootSeen |= s.pid() == rootPid;
                } catch (IOException | IllegalArgumentException e) {
                    // exited between listing and reading: not in the tree any more
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        if (!rootSeen) {
            return Set.of();
        }
        Set<Integer> tree = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(rootPid));
        while (!todo.isEmpty()) {
            int pid = todo.poll();
            if (tree.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return tree;
    }

    private static boolean isPidDir(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
