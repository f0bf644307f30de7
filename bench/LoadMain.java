import io.lem.cli.LoadCommand;
import picocli.CommandLine;

/** Runs `lem load` from the built jars (the command is not registered in lem's Main on this branch). */
public final class LoadMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadCommand()).execute(args));
    }
}
