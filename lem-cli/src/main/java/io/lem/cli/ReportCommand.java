package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lem.config.ConfigException;
import io.lem.report.ReportException;
import io.lem.report.ReportResult;
import io.lem.report.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem report RESULTS_DIR [--out DIR]}: writes report.html and figures/, prints the page's path. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Writes a self-contained report.html and PNG/SVG figures from a results directory.",
        "",
        "RESULTS_DIR is a study directory, one experiment or cycle of it, or a lem load output. Everything is "
                + "computed from its files, so a report of an old directory equals the one written when it was new. Prints "
                + "the page's path; what the directory lacks (a chart without data) is noted on stderr and in the page."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "Directory written by lem run or lem load.")
    Path resultsDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where report.html and figures/ go (default: RESULTS_DIR).")
    Path out;

    @Override
    public Integer call() {
        ReportResult result;
        try {
            result = Reports.write(resultsDir, out == null ? resultsDir : out);
        } catch (ReportException e) {
            throw new ConfigException("RESULTS_DIR", e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        result.notes().forEach(n -> err.println("note: " + n));
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        o.println(result.html());
        o.flush();
        return 0;
    }

    /**
     * The report that ends lem run and lem load. Its failure never fails the measured run: a warning, and the run's
     * own exit code stands.
     */
    static void afterRun(Path dir, PrintWriter out, PrintWriter err) {
        try {
            ReportResult result = Reports.write(dir, dir);
            out.println("report: " + result.html());
        } catch (RuntimeException e) {
            err.println("warning: the report was not written (" + e.getMessage() + "); the measured files are "
                    + "intact: run `lem report " + dir + "` to retry");
        } catch (OutOfMemoryError e) {
            // everything measured is on disk already; the run's own exit code must stand
            err.println("warning: the report was not written (out of memory); the measured files are intact: run "
                    + "`JAVA_TOOL_OPTIONS=-Xmx8g lem report " + dir + "` to retry with a larger heap");
        }
        out.flush();
        err.flush();
    }
}
