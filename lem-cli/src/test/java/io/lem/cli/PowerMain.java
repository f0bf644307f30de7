package io.lem.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * {@code lem power} in a JVM of its own, as Main will run it once registered: for the tests that need a real
 * process (a signal, the exit code of a whole JVM).
 */
public final class PowerMain {

    private PowerMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PowerCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
