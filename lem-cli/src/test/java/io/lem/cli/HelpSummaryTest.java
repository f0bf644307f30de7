package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lem --help} lists each command with a one-line summary that is a whole sentence. */
class HelpSummaryTest {

    @Test
    void everyCommandsSummaryIsOneWholeSentenceUnder100Characters() {
        List<String> summaries = new ArrayList<>();
        collect(new CommandLine(new Main()), summaries);
        assertThat(summaries).hasSizeGreaterThan(10);
        assertThat(summaries).allSatisfy(line -> assertThat(line.substring(line.indexOf(": ") + 2)).as(line)
                .endsWith(".").hasSizeLessThan(100).doesNotContain("\n"));
    }

    /** As printed: the "Commands:" list of lem --help, wrapped lines joined back together. */
    @Test
    void lemHelpListsEachCommandWithItsWholeSentence() {
        StringWriter out = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help")).isZero();
        String commands = out.toString().substring(out.toString().indexOf("Commands:"));
        List<String> entries = new ArrayList<>();
        for (String line : commands.lines().skip(1).toList()) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                entries.add(line.strip());
            } else if (!entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
            }
        }
        assertThat(entries).extracting(e -> e.split(" +", 2)[0])
                .contains("run", "load", "power", "meters", "serve", "model", "verify");
        assertThat(entries).allSatisfy(e -> assertThat(e.split(" +", 2)[1]).endsWith(".").hasSizeLessThan(100));
    }

    private static void collect(CommandLine cli, List<String> summaries) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            String[] header = sub.getCommandSpec().usageMessage().header();
            String[] description = sub.getCommandSpec().usageMessage().description();
            summaries.add(sub.getCommandName() + ": " + (header.length > 0 ? header[0] : description[0]));
            collect(sub, summaries);
        }
    }
}
