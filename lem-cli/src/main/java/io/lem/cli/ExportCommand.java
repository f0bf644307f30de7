package io.lem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.lem.report.export.ExportFormat;
import io.lem.report.export.TableFiles;
import io.lem.report.export.TidyTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem export RESULTS_DIR --format csv|parquet|jsonl --out DIR}: one tidy table per file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
                "Writes a results directory's tidy tables, one file per table.",
                "",
                "Tables: points, cycles, requests, samples, gauges, engine_metrics (lem query --tables lists their "
                        + "columns). Computed from the files on disk only: an old directory exports like a new one."})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR",
            description = "A study directory (study.json), an experiment directory (result.json), lem load's output"
                    + " (summary.json), or a directory holding several of them.")
    Path resultsDir;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet|jsonl",
            description = "csv (RFC 4180, '.' decimals in every locale, empty cell for a missing value), jsonl (one"
                    + " object per row) or parquet (typed columns, written by DuckDB).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the files go (created).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ExportFormat f = ExportFormat.of("--format", format);
        TidyTables tables = TidyTables.read(resultsDir, "RESULTS_DIR");
        List<Path> files = TableFiles.write(tables, f, out);
        PrintWriter o = spec.commandLine().getOut();
        for (int i = 0; i < files.size(); i++) {
            o.printf(java.util.Locale.ROOT, "%-14s %7d rows  %s%n", tables.tables().get(i).name(),
                    tables.tables().get(i).rows().size(), files.get(i));
        }
        o.flush();
        EstimatedNote.print(tables, spec.commandLine().getErr());
        return 0;
    }
}
