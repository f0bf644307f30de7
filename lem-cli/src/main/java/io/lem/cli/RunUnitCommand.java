package io.lem.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.slurm.UnitTask;
import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lem run-unit --study DIR --unit I}: what each task of a study's Slurm job array runs. */
@Command(name = "run-unit", mixinStandardHelpOptions = true, description = {
        "Runs one (point, cycle) run of a study directory: what each Slurm array task runs.",
        "",
        "The run is rebuilt from manifest.json alone. It writes the run's directory and slurm/status/unit-I.json, "
                + "never manifest.json (the follower does). Exit 0 when the run is done, 1 when it failed."})
public final class RunUnitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "DIR", description = "The study directory.")
    Path study;

    @Option(names = "--unit", required = true, paramLabel = "I", description = "The run's index in manifest.json, "
            + "from 0 (the array index).")
    int unit;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        String home = System.getProperty("lem.home");
        Lem lem = Lem.builder().lemHome(home == null ? null : Path.of(home)).listener(new ConsoleProgress(err)).build();
        UnitOutcome outcome = UnitTask.run(lem, study, unit, System.getenv(), Path.of(io.lem.config.Defaults.PROC_ROOT));
        err.println("run-unit: run " + unit + ": " + outcome.status().jsonName()
                + (outcome.error() == null ? "" : ": " + outcome.error()));
        return outcome.status() == RunStatus.DONE ? 0 : UnitTask.NOT_DONE;
    }
}
