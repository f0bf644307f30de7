package io.lem.measure;

import java.nio.file.Path;
import java.util.OptionalInt;

import io.lem.meter.MeterContext;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.SysfsReader;

/** The meters of the machine lem runs on: every provider found (RAPL, process, ServiceLoader plug-ins). */
public final class LocalMeters {

    private LocalMeters() {
    }

    /** This machine's {@code /sys/class/powercap} and {@code /proc}. */
    public static MeterFactory system() {
        MeterContext system = MeterContext.system();
        return factory(system.powercapRoot(), system.procRoot());
    }

    /** The factory's {@code enginePid} may be negative: no engine process is known (a remote server). */
    public static MeterFactory factory(Path powercapRoot, Path procRoot) {
        MeterSelector selector = MeterSelector.withDiscoveredProviders();
        MeterContext context = new MeterContext(powercapRoot, procRoot, OptionalInt.empty(), null, SysfsReader.files());
        return (names, enginePid) -> {
            MeterContext withPid = enginePid < 0 ? context : context.withEnginePid(Math.toIntExact(enginePid));
            MeterSelection selection = selector.select(names, withPid);
            return new MeterFactory.Opened(selection.meters(), selection.statuses());
        };
    }
}
