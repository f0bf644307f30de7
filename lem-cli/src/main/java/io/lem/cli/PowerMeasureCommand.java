package io.lem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.config.PowerOptions;
import io.lem.measure.PowerMeasure;
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
@Command(name = "measure", mixinStandardHelpOptions = true, description = {
        "Runs a command and prints its energy, like perf stat.", "",
        "Prints energy per domain, the process tree's energy, active energy above a short idle baseline, duration and"
                + " mean power; exits with the command's exit code."})
final class PowerMeasureCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MeterFlags meters;

    @Option(names = "--baseline", paramLabel = "S", description = "Idle baseline before the command, in seconds; 0"
            + " skips it (power.baseline_s; default: ${bundle:power.baseline_s}).")
    Double baselineS;

    @Mixin
    SetOption set;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PowerOptions options = PowerOptions.of(meters.into(new Keys(), spec.commandLine().getErr(), "lem power measure")
                .flag("--baseline", "power.baseline_s", baselineS).set(set.pairs).map());
        if (command.isEmpty()) {
            throw new ConfigException("COMMAND", "missing: give the command to measure after --,"
                    + " e.g. lem power measure -- sleep 2");
        }
        PowerMeasure.Result result = Lem.builder().build().measure(options, command);
        PowerReport.measureTable(spec.commandLine().getErr(), String.join(" ", command), result);
        return result.exitCode();
    }
}
