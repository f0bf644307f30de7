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
 * @param sysRoot      the sysfs root ({@code /sys}) for the VM check ({@code hypervisor/type}, DMI); null to check
 *                     cpuinfo's hypervisor flag only
 */
public record MeterContext(Path powercapRoot, Path procRoot, OptionalInt enginePid, CpuInfo cpuInfo,
                           SysfsReader reader, Path sysRoot) {

    /** Where Linux exposes RAPL's powercap zones. */
    public static final Path POWERCAP_ROOT = Path.of("/sys/class/powercap");

    /** With the sysfs root beside the procfs root: {@code /sys} for {@code /proc}, a fixture's own for a fixture. */
    public MeterContext(Path powercapRoot, Path procRoot, OptionalInt enginePid, CpuInfo cpuInfo,
                        SysfsReader reader) {
        this(powercapRoot, procRoot, enginePid, cpuInfo, reader, procRoot.toAbsolutePath().resolveSibling("sys"));
    }

    public static MeterContext system() {
        return new MeterContext(POWERCAP_ROOT, Path.of("/proc"), OptionalInt.empty(), null,
                SysfsReader.files(), Path.of("/sys"));
    }

    public MeterContext withEnginePid(int pid) {
        return new MeterContext(powercapRoot, procRoot, OptionalInt.of(pid), cpuInfo, reader, sysRoot);
    }

    /** The given CPU facts, or those of {@code procRoot/cpuinfo}. */
    public CpuInfo cpu() throws MeterException {
        return cpuInfo != null ? cpuInfo : CpuInfo.read(procRoot.resolve("cpuinfo"));
    }

    /** Bare metal or VM, from cpuinfo's flag and {@code sysRoot}. */
    public Virtualisation virtualisation() throws MeterException {
        return Virtualisation.detect(cpu(), sysRoot, reader);
    }

    /** The CPU power model for this machine: its CPU, whether it is a VM, the bundled tables. */
    public CpuPowerModel cpuPowerModel() throws MeterException {
        CpuInfo cpu = cpu();
        return CpuPowerModel.forCpu(cpu, Virtualisation.detect(cpu, sysRoot, reader), TdpTable.bundled());
    }
}
