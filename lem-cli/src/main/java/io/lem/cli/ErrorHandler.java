package io.lem.cli;

import io.lem.config.ConfigException;
import io.lem.engine.EngineException;
import io.lem.meter.MeterException;
import picocli.CommandLine;

/**
 * One line on stderr for a user mistake (exit 2) or a failure lem can explain (exit 1); a stack trace only for
 * what must be a bug, or when {@code LEM_DEBUG} is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        String command = cli.getCommandName();
        int code;
        String message;
        switch (e) {
            case ConfigException c -> {
                code = USER_ERROR;
                message = c.getMessage();
            }
            case MeterException m -> {
                code = USER_ERROR;
                message = m.getMessage();
            }
            case io.lem.result.ResultFileException r -> {
                // an input file that is missing or not lem's: the message names it and the fix
                code = USER_ERROR;
                message = r.getMessage();
            }
            case EngineException g -> {
                code = g.userError() ? USER_ERROR : FAILURE;
                message = g.getMessage();
            }
            case java.nio.file.NoSuchFileException n -> {
                code = USER_ERROR;
                message = "no such file: " + n.getFile();
            }
            case java.io.IOException io -> {
                code = FAILURE;
                message = io.getClass().getSimpleName() + ": " + io.getMessage();
            }
            case InterruptedException i -> {
                code = 130;
                message = "interrupted; measured data so far is on disk";
            }
            default -> {
                code = FAILURE;
                message = "internal error: " + e;
                e.printStackTrace(cli.getErr());
            }
        }
        cli.getErr().println(command + ": " + message);
        if (System.getenv("LEM_DEBUG") != null && code != FAILURE) {
            e.printStackTrace(cli.getErr());
        }
        return code;
    }
}
