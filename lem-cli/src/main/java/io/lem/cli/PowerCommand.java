package io.lem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lem power}: log, measure and serve power outside a study (issue 3's command line). */
@Command(name = "power", mixinStandardHelpOptions = true, resourceBundle = "io.lem.cli.KeyDefaults",
        description = "Logs, measures and serves power and energy outside a study.",
        subcommands = {PowerLogCommand.class, PowerMeasureCommand.class, PowerServeCommand.class,
                PowerCompareCommand.class, PowerGpusCommand.class})
public final class PowerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
