package io.lem.meter;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Everything meter providers may look at, with injectable roots so tests run on fixture trees.
 *
 * @param powercapRoot the powercap sysfs root ({@code /sys/class/powercap})
 * @param procRoot     the procfs root ({@code /proc})
 * @param enginePid    the engine's pid, empty when probing or when the engine is not lem's child
 * @param cpuInfo      the CPU facts, or null to read {@code procRoot/cpuinfo}
 * @param reader       how small pseudo-files are read
 */
public record MeterContext(Path powercapRoot, Path procRoot, OptionalInt enginePid, CpuInfo cpuInfo,
                           SysfsReader reader) {

    public static MeterContext system() {
        return new MeterContext(PowercapScanner.DEFAULT_ROOT, Path.of("/proc"), OptionalInt.empty(), null,
                SysfsReader.files());
    }

    public MeterContext withEnginePid(int pid) {
        return new MeterContext(powercapRoot, procRoot, OptionalInt.of(pid), cpuInfo, reader);
    }

    /** The given CPU facts, or those of {@code procRoot/cpuinfo}. */
    public CpuInfo cpu() throws MeterException {
        return cpuInfo != null ? cpuInfo : CpuInfo.read(procRoot.resolve("cpuinfo"));
    }
}
