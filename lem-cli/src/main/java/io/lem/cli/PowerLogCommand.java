package io.lem.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.config.PowerOptions;
import io.lem.measure.PowerLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lem power log}: the inference energy protocol's log-power, every meter into a wide CSV, one row per sample, as it goes. */
@Command(name = "log", mixinStandardHelpOptions = true, description = {
        "Samples every meter into a wide CSV, one row per sample as it goes.",
        "",
        "Ends after --duration or cleanly on Ctrl-C, then prints the mean power per domain and the total's energy."})
final class PowerLogCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MeterFlags meters;

    @Option(names = "--duration", paramLabel = "S", description = "How long to log, in seconds (power.duration_s; default: until Ctrl-C).")
    Double durationS;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "The CSV to write (power.output; required).")
    String output;

    @Mixin
    SetOption set;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PowerOptions options = PowerOptions.of(meters.into(new Keys(), err, "lem power log")
                .flag("--duration", "power.duration_s", durationS).flag("--output", "power.output", output)
                .set(set.pairs).map());
        PowerLog.Result result;
        try (PowerStop stop = PowerStop.onSignal()) {
            result = Lem.builder().build().log(options, () -> stop.await(options.durationS()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(PowerReport.logParagraph(result));
            out.flush();
        }
        return 0;
    }
}
