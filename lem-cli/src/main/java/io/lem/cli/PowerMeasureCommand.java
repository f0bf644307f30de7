package io.lem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.lem.config.ConfigException;
import io.lem.meter.Clock;
import io.lem.meter.MeterSelector;
import io.lem.study.PowerMeasure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lem power measure -- COMMAND ARGS...}: {@code perf stat} for energy. Exits with the command's exit code,
 * so it can stand in front of any command in a script; like perf stat, the report goes to stderr and the command
 * keeps stdout to itself.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, description = "Runs a command and prints its energy per domain, its process tree's"
        + " energy, active energy above a short idle baseline, duration and mean power.")
final class PowerMeasureCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PowerOptions options;

    @Option(names = "--baseline", paramLabel = "S",
            description = "Idle baseline before the command, in seconds; 0 skips it (default: ${DEFAULT-VALUE}).")
    double baselineS = 2;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (command.isEmpty()) {
            throw new ConfigException("COMMAND", "missing: give the command to measure after --,"
                    + " e.g. lem power measure -- sleep 2");
        }
        if (!(baselineS >= 0 && baselineS <= 3600)) {
            throw new ConfigException("--baseline", "must be between 0 and 3600 seconds, was " + baselineS);
        }
        PowerMeasure measure = new PowerMeasure(MeterSelector.withDiscoveredProviders(), options.context(),
                options.meters, options.intervalS(), baselineS, Clock.system());
        PowerMeasure.Result result = measure.run(command);
        PowerReport.measureTable(spec.commandLine().getErr(), String.join(" ", command), result);
        return result.exitCode();
    }
}
