package io.lem.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine.Option;

/** The meter options of {@code lem load} and every {@code lem power} command: each an alias of one key. */
final class MeterFlags {

    // one value per occurrence (comma-separated or repeated): a greedy list would swallow a measured command
    @Option(names = "--meters", split = ",", arity = "1", paramLabel = "NAME", description = "auto, or meter names"
            + " from `lem meters`, comma-separated (measurement.meters; default: ${bundle:measurement.meters}).")
    List<String> meters;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "Sampling rate of all meters in Hz"
            + " (measurement.sample_rate_hz; default: ${bundle:measurement.sample_rate_hz}).")
    Double sampleRateHz;

    @Option(names = "--interval", paramLabel = "S", hidden = true, description = "Old spelling: the sampling period in"
            + " seconds; use --sample-rate HZ.")
    Double intervalS;

    @Option(names = "--powercap-root", paramLabel = "DIR", description = "Powercap sysfs root (host.powercap_root;"
            + " default: ${bundle:host.powercap_root}).")
    String powercapRoot;

    @Option(names = "--proc-root", paramLabel = "DIR", description = "procfs root (host.proc_root; default:"
            + " ${bundle:host.proc_root}).")
    String procRoot;

    /** Adds the given flags to {@code keys}; the old {@code --interval} becomes its rate, with a one-line note. */
    Keys into(Keys keys, PrintWriter err, String command) {
        Double rate = sampleRateHz;
        if (intervalS != null) {
            if (sampleRateHz != null) {
                throw new io.lem.config.ConfigException("--interval", "and --sample-rate set the same key; fix: give"
                        + " --sample-rate HZ only");
            }
            if (!(intervalS > 0)) {
                throw new io.lem.config.ConfigException("--interval", "must be > 0 s, was " + intervalS + "; fix: give"
                        + " the sampling rate instead, --sample-rate HZ");
            }
            rate = 1 / intervalS;
            err.println(command + ": note: --interval " + intervalS + " is the old spelling of --sample-rate " + rate
                    + " (measurement.sample_rate_hz, in Hz)");
        }
        return keys.flag("--meters", "measurement.meters", meters)
                .flag(intervalS != null ? "--interval" : "--sample-rate", "measurement.sample_rate_hz", rate)
                .flag("--powercap-root", "host.powercap_root", powercapRoot)
                .flag("--proc-root", "host.proc_root", procRoot);
    }
}
