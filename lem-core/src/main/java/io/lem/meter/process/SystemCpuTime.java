package io.lem.meter.process;

import java.io.IOException;
import java.nio.file.Path;
import io.lem.meter.MeterException;
import io.lem.meter.SysfsReader;

/**
 * Busy CPU ticks of the whole machine from the first line of {@code /proc/stat}: user + nice + system + irq +
 * softirq. Idle and iowait are left out (no process runs then), and so is steal (time the hypervisor gave to
 * someone else); guest time is already inside user.
 */
public final class SystemCpuTime {

    private final Path statFile;
    private final SysfsReader reader;

    public SystemCpuTime(Path procRoot, SysfsReader reader) {
        this.statFile = procRoot.resolve("stat");
        this.reader = reader;
    }

    public long busyTicks() throws MeterException {
        String text;
        try {
            text = reader.read(statFile);
        } catch (IOException e) {
            throw new MeterException("cannot read " + statFile + ": " + e.getMessage(), e);
        }
        int end = text.indexOf('\n');
        String[] f = (end < 0 ? text : text.substring(0, end)).strip().split(" +");
        if (f.length < 8 || !f[0].equals("cpu")) {
            throw new MeterException(statFile + " does not start with an aggregate 'cpu' line");
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
    }
}
