package io.lem.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.lem.config.ConfigException;
import io.lem.report.export.ResultsDir;
import io.lem.report.export.TidyTables;
import io.lem.report.query.QueryResult;
import io.lem.report.query.ResultText;
import io.lem.report.query.SqlQuery;
import io.lem.report.query.TableListing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem query "SQL" [--root DIR]}: SQL (DuckDB) over the tidy tables of every results directory under a root. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {
                "Runs SQL over every results directory under a root.",
                "",
                "The tables of lem export (points, cycles, requests, samples, gauges, engine_metrics) of every "
                        + "study, experiment and lem load output found are loaded into an in-memory DuckDB, e.g.",
                "  lem query \"SELECT engine_parallel, avg(joules_per_output_token) FROM points GROUP BY 1\""})
public final class QueryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "One SQL statement (DuckDB's dialect).")
    String sql;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Where to look for results (default: results/ when it exists, else the current directory).")
    Path root;

    @Option(names = "--tables", description = "List the tables and their columns with types and units instead.")
    boolean tables;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table (aligned, 6 significant digits), csv or json (every digit). Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        Path dir = root != null ? root : Files.isDirectory(Path.of("results")) ? Path.of("results") : Path.of(".");
        PrintWriter out = spec.commandLine().getOut();
        if (tables) {
            // without results the fixed columns are still worth listing; swept keys and metrics come with data
            List<ResultsDir> found = ResultsDir.find(dir);
            out.print(TableListing.text(TidyTables.of(dir, found)));
            out.flush();
            return 0;
        }
        if (sql == null || sql.isBlank()) {
            throw new ConfigException("SQL", "no statement given; fix: lem query \"SELECT * FROM points\" (lem query"
                    + " --tables lists the tables)");
        }
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new ConfigException("--format", "'" + format + "' is not a query output format; fix: use table, csv"
                    + " or json");
        }
        // only the per-run tables the statement names are built: a query of points reads no requests.jsonl
        TidyTables all = TidyTables.under(dir, "--root", SqlQuery.perRunTablesNamed(sql));
        QueryResult result = SqlQuery.run(all, sql);
        out.print(switch (format) {
            case "csv" -> ResultText.csv(result);
            case "json" -> ResultText.json(result);
            default -> ResultText.aligned(result);
        });
        out.flush();
        EstimatedNote.print(all, spec.commandLine().getErr());
        return 0;
    }
}
