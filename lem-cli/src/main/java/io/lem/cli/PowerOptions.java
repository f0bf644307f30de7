package io.lem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.lem.config.ConfigException;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterSelector;
import io.lem.meter.SysfsReader;
import picocli.CommandLine.Option;

/** The meter options every {@code lem power} command shares. */
final class PowerOptions {

    // one value per occurrence (comma-separated or repeated): a greedy list would swallow the measured command
    @Option(names = "--meters", split = ",", arity = "1", paramLabel = "NAME",
            description = "auto, or meter names, comma-separated (see 'lem meters'); default: ${DEFAULT-VALUE}.")
    List<String> meters = new ArrayList<>(List.of(MeterSelector.AUTO));

    @Option(names = "--interval", paramLabel = "S", description = "Sampling period in seconds (default: ${DEFAULT-VALUE}).")
    double intervalS = 0.1;

    @Option(names = "--powercap-root", paramLabel = "DIR", description = "Powercap sysfs root (default: ${DEFAULT-VALUE}).")
    Path powercapRoot = Path.of("/sys/class/powercap");

    @Option(names = "--proc-root", paramLabel = "DIR", description = "procfs root (default: ${DEFAULT-VALUE}).")
    Path procRoot = Path.of("/proc");

    MeterContext context() {
        return new MeterContext(powercapRoot, procRoot, OptionalInt.empty(), null, SysfsReader.files());
    }

    /** The sampling period, checked: one line and exit 2 for a value the sampler cannot use. */
    double intervalS() {
        if (!(intervalS >= 1e-4 && intervalS <= 3600)) {
            throw new ConfigException("--interval", "must be between 0.0001 and 3600 seconds, was " + intervalS);
        }
        return intervalS;
    }
}
