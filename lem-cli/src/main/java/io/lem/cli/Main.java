package io.lem.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lem} command. Every subcommand is its own class; library code throws and this class maps the
 * exceptions to exit codes: 0 success, 1 failure, 2 user error (bad config, flag or input file).
 */
@Command(name = "lem", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        resourceBundle = "io.lem.cli.KeyDefaults",
        description = "Measures the energy and carbon of LLM inference.",
        subcommands = {RunCommand.class, LoadCommand.class, PowerCommand.class, MetersCommand.class, ServeCommand.class,
                ModelCommand.class, VerifyCommand.class, EstimateCommand.class, RunUnitCommand.class, CollectCommand.class,
                ReportCommand.class, ExportCommand.class, QueryCommand.class, CompareCommand.class, LabCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Always exits: the embedded engine leaves a non-daemon native thread behind (see ServeCommand). */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        // a bad flag is a user error like any other: one line, exit 2 (picocli would add the whole usage text)
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            return ErrorHandler.USER_ERROR;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the command's data is unreachable once its stack is gone, so there is room to say what to do
            err.println("lem: out of memory (" + e.getMessage() + ", heap limit "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); files already written are kept;"
                    + " fix: give the JVM more heap, e.g. LEM_JAVA_OPTS=-Xmx8g ./lem " + shellWords(args));
            code = ErrorHandler.FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The arguments as a shell line to paste: each one with a space, quote or wildcard single-quoted. */
    static String shellWords(String... args) {
        return Arrays.stream(args).map(a -> a.matches("[A-Za-z0-9_./=:,@%+-]+") ? a
                : "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lem " + (version == null ? "dev" : version)};
        }
    }
}
