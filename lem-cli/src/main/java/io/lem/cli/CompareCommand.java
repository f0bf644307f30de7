package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lem.config.ConfigException;
import io.lem.report.compare.ComparisonText;
import io.lem.report.compare.LemGpuPoint;
import io.lem.report.compare.MlEnergyComparison;
import io.lem.report.compare.MlEnergyRun;
import io.lem.report.compare.MlEnergyText;
import io.lem.report.compare.PointComparison;
import io.lem.report.compare.PointFigure;
import io.lem.report.export.TidyTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem compare A B} and {@code lem compare A --mlenergy FILE_OR_DIR}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
                "Compares two results directories point by point, or one with ML.ENERGY's published runs.",
                "",
                "Points match by config hash, else by equal swept keys; each match shows J/output-token of both "
                        + "with its 95 % CI, the ratio B/A and whether the intervals overlap. Unmatched points are listed."})
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A results directory (or a directory holding several).")
    Path a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "The results to compare A with.")
    Path b;

    @Option(names = "--mlenergy", paramLabel = "FILE_OR_DIR",
            description = "ML.ENERGY leaderboard v2 result files (bs<B>+tp<T>+pp<P>.json, or a directory of them)"
                    + " to compare A with instead of B.")
    Path mlEnergy;

    @Override
    public Integer call() {
        if ((b == null) == (mlEnergy == null)) {
            throw new ConfigException("B", "give either a second results directory or --mlenergy FILE_OR_DIR; fix:"
                    + " lem compare A B, or lem compare A --mlenergy DIR");
        }
        TidyTables left = TidyTables.readPoints(a, "A");
        PrintWriter out = spec.commandLine().getOut();
        if (mlEnergy != null) {
            out.print(MlEnergyText.text(MlEnergyComparison.of(LemGpuPoint.of(left),
                    MlEnergyRun.read(mlEnergy, "--mlenergy")), a.toString()));
        } else {
            TidyTables right = TidyTables.readPoints(b, "B");
            out.print(ComparisonText.text(PointComparison.of(PointFigure.of(left), PointFigure.of(right)),
                    a.toString(), b.toString()));
        }
        out.flush();
        return 0;
    }
}
