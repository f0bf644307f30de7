package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.lem.verify.Check;
import io.lem.verify.Verification;
import io.lem.verify.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lem verify RESULTS_DIR}: every figure of result.json (lem run) or summary.json (lem load) recomputed from
 * the raw files by an implementation of its own. Exit 0 when all agree within tolerance, 1 when any differs, 2 when the path is not a results directory.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
                "Recomputes every figure of a results directory from its raw files and compares.",
                "",
                "Every figure of result.json (lem run) or summary.json (lem load) is recomputed from power.csv, "
                        + "requests.jsonl and request_energy.jsonl by an implementation of its own."})
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR",
            description = "An experiment directory (with result.json), a study directory (with study.json) or lem"
                    + " load's --output directory (with summary.json).")
    Path resultsDir;

    @Override
    public Integer call() {
        List<Verifier.Experiment> experiments = Verifier.verifyAll(resultsDir);
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        int skipped = 0;
        for (Verifier.Experiment e : experiments) {
            if (e.verification() == null) {
                out.println(e.name() + ": not verified: " + e.skipped());
                skipped++;
                continue;
            }
            out.println(e.name() + " (" + e.dir() + ")");
            print(out, e.verification());
            if (!e.verification().passed()) {
                failed++;
            }
            out.println();
        }
        if (experiments.size() > 1 || skipped > 0) {
            int verified = experiments.size() - skipped;
            boolean study = experiments.getLast().name().equals(Verifier.STUDY_SUMMARIES);
            out.printf(Locale.ROOT, "overall: %s: %d of %d verified %s passed%s%n", failed == 0 ? "PASS" : "FAIL",
                    verified - failed, verified, study ? "(runs and study.json)" : "experiments",
                    skipped == 0 ? "" : ", " + skipped + " not verified");
        }
        out.flush();
        return failed == 0 ? 0 : ErrorHandler.FAILURE;
    }

    private static void print(PrintWriter out, Verification v) {
        int width = v.checks().stream().mapToInt(c -> c.figure().length()).max().orElse(6);
        String row = "%-" + width + "s  %14s  %14s  %9s  %s";
        out.println(String.format(Locale.ROOT, row, "figure", "reported", "recomputed", "rel diff", "").stripTrailing());
        for (Check c : v.checks()) {
            out.println(String.format(Locale.ROOT, row, c.figure(), number(c.reported()), number(c.recomputed()),
                    relative(c), c.passed() ? "" : "FAIL" + (c.note() == null ? "" : ": " + c.note())).stripTrailing());
        }
        List<Check> failures = v.failures();
        if (failures.isEmpty()) {
            out.printf(Locale.ROOT, "verdict: PASS: %d figures agree with the raw files (largest relative difference "
                    + "%.1e)%n", v.figuresChecked(), v.largestRelativeDifference());
        } else {
            out.printf(Locale.ROOT, "verdict: FAIL: %d of %d figures differ from the raw files: %s%n", failures.size(),
                    v.figuresChecked(), String.join(", ", failures.stream().map(Check::figure).toList()));
        }
    }

    private static String number(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String relative(Check c) {
        if (c.relDiff() == null) {
            return "n/a";
        }
        return c.relDiff() == 0 ? "0" : String.format(Locale.ROOT, "%.1e", c.relDiff());
    }
}
