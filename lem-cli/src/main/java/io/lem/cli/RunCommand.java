package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.config.DemoStudy;
import io.lem.config.StudyConfig;
import io.lem.config.StudyLoader;
import io.lem.study.StudyResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem run [STUDY.yaml]}: runs a study (the demo study without a file) and prints a table per experiment. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Runs a study of experiments, each in a fresh engine, and reports the energy per token of each.",
        "",
        "Each experiment launches a fresh engine, measures an idle baseline, warms up, runs the measured load and writes",
        "result.json, requests.jsonl and power.csv. Without STUDY.yaml it runs the demo study: the synthetic 'small'",
        "model at 1, 2 and 4 parallel slots."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY.yaml", description = "Study file; omit for the demo.")
    Path studyFile;

    @Option(names = "--results", paramLabel = "DIR", description = "Where study directories go (default: ${DEFAULT-VALUE}).")
    Path results = Path.of(io.lem.config.Defaults.RESULTS_DIR);

    @Option(names = "--resume", paramLabel = "STUDY_DIR",
            description = "Continue an interrupted study in this directory: finished experiments are kept.")
    Path resume;

    @CommandLine.Mixin
    SetOption set;

    @Option(names = "--print-demo", description = "Print the demo study's YAML (a starting point for your own) and exit.")
    boolean printDemo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (printDemo) {
            out.print(DemoStudy.yaml());
            out.flush();
            return 0;
        }
        StudyConfig study = studyFile == null ? DemoStudy.load(set.pairs) : StudyLoader.load(studyFile, set.pairs);
        if (resume != null && !Files.isDirectory(resume)) {
            throw new ConfigException("--resume", resume + " is not a study directory; fix: give a directory under "
                    + results + " written by an earlier run");
        }
        PrintWriter err = spec.commandLine().getErr();
        ConsoleProgress progress = new ConsoleProgress(err);
        if (studyFile == null) {
            err.println("lem run: demo study (short 3 s baseline and 2 warm-up requests so it fits in ~2 minutes; "
                    + "study files default to 30 s and 5). See `lem run --print-demo`.");
        }
        Lem lem = Lem.builder()
                .lemHome(lemHome())
                .listener(progress)
                .build();
        StudyResult result = lem.runStudy(study, resume != null ? resume : io.lem.study.StudyRunner.newStudyDir(results, study.studyName()));
        SummaryTable.print(result, out);
        out.flush();
        return result.outcomes().stream().anyMatch(o -> o.status().equals("failed")) ? ErrorHandler.FAILURE : 0;
    }

    private static Path lemHome() {
        String home = System.getProperty("lem.home");
        return home == null ? null : Path.of(home);
    }
}
