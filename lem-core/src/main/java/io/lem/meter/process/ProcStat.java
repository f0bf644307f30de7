package io.lem.meter.process;

/**
 * The fields lem needs from one {@code /proc/<pid>/stat} line (proc(5)).
 *
 * @param pid            process id (field 1)
 * @param comm           command name without the parentheses (field 2; may hold spaces and parentheses)
 * @param ppid           parent process id (field 4)
 * @param utimeTicks     user CPU time in clock ticks (field 14), all threads, exited threads included
 * @param stimeTicks     system CPU time in clock ticks (field 15)
 * @param startTimeTicks start time after boot in clock ticks (field 22): tells a reused pid from the old process
 */
public record ProcStat(int pid, String comm, int ppid, long utimeTicks, long stimeTicks, long startTimeTicks) {

    public long cpuTicks() {
        return utimeTicks + stimeTicks;
    }

    /**
     * Parses a stat line. The command name sits between the first '(' and the <em>last</em> ')': it may itself
     * contain ") (" and spaces, so splitting the whole line on spaces would shift every field.
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: '" + line.strip() + "'");
        }
        String[] f = line.substring(close + 2).strip().split(" +");
        // f[0] is field 3 (state), so field n is f[n - 3]
        if (f.length < 20) {
            throw new IllegalArgumentException("/proc/<pid>/stat line has " + (f.length + 2)
                    + " fields, expected at least 22: '" + line.strip() + "'");
        }
        return new ProcStat(Integer.parseInt(line.substring(0, open).strip()), line.substring(open + 1, close),
                Integer.parseInt(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]));
    }
}
