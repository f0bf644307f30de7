package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lem.config.ConfigException;
import io.lem.meter.Clock;
import io.lem.meter.MeterSelection;
import io.lem.meter.MeterSelector;
import io.lem.result.PowerCsvWriter;
import io.lem.study.PowerRecorder;
import io.lem.study.PowerSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lem power log}: the inference energy protocol's log-power, every meter into a wide CSV, one row per sample, as it goes. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Samples every meter and writes a wide CSV (one row per sample) as it goes;"
        + " Ctrl-C ends it cleanly.")
final class PowerLogCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PowerOptions options;

    @Option(names = "--duration", paramLabel = "S", description = "How long to log, in seconds (default: until Ctrl-C).")
    Double durationS;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "The CSV to write (required).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (output == null) {
            throw new ConfigException("--output", "missing: give the CSV file to write, e.g. --output power.csv");
        }
        if (durationS != null && !(durationS > 0)) {
            throw new ConfigException("--duration", "must be > 0 seconds, was " + durationS);
        }
        double intervalS = options.intervalS();
        Clock clock = Clock.system();
        PrintWriter out = spec.commandLine().getOut();
        try (MeterSelection selection = MeterSelector.withDiscoveredProviders().select(options.meters, options.context());
             PowerStop stop = PowerStop.onSignal()) {
            PowerRecorder recorder;
            boolean signalled;
            try (PowerCsvWriter csv = new PowerCsvWriter(output, clock.nanoTime())) {
                recorder = PowerRecorder.start(selection.meters(), clock, intervalS, List.of(csv));
                try {
                    signalled = stop.await(durationS);
                } finally {
                    recorder.close();
                }
            }
            long[] t = recorder.trace().timesNs();
            PowerSummary summary = PowerSummary.of(recorder.trace(), t[0], t[t.length - 1], recorder.periodNs(),
                    Map.of());
            out.println(PowerReport.logParagraph(summary, output.toString(), selection.meters(), signalled));
            out.flush();
            return 0;
        }
    }
}
