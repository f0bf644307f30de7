package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import io.lem.meter.MeterContext;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.MeterStatus;
import io.lem.meter.SysfsReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lem meters}: every meter lem knows, whether this machine has it, and how to fix what is missing. */
@Command(name = "meters", mixinStandardHelpOptions = true, description = "Lists every energy meter, whether it is available here, why, and the fix.")
public final class MetersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--powercap-root", paramLabel = "DIR", description = "Powercap sysfs root (default: ${DEFAULT-VALUE}).")
    Path powercapRoot = Path.of("/sys/class/powercap");

    @Option(names = "--proc-root", paramLabel = "DIR", description = "procfs root (default: ${DEFAULT-VALUE}).")
    Path procRoot = Path.of("/proc");

    @Override
    public Integer call() {
        MeterSelector selector = MeterSelector.withDiscoveredProviders();
        MeterContext context = new MeterContext(powercapRoot, procRoot, OptionalInt.empty(), null, SysfsReader.files());
        List<MeterStatus> statuses = selector.probe(context);
        PrintWriter out = spec.commandLine().getOut();
        int width = statuses.stream().mapToInt(s -> s.name().length()).max().orElse(5);
        for (MeterStatus s : statuses) {
            out.printf("%-" + width + "s  %-11s  %s%n", s.name(), s.available() ? "available" : "unavailable",
                    s.reason());
            if (s.fix() != null) {
                out.printf("%-" + width + "s  %-11s  fix: %s%n", "", "", s.fix());
            }
        }
        out.println();
        out.println("auto uses the best available measured meter, else the process CPU estimate "
                + "(labelled 'estimated' in every output).");
        out.flush();
        return 0;
    }
}
