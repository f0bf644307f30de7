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

    /**
     * A description paragraph is one element, so picocli wraps it to the width: an element per source line would
     * print as ragged short lines. Indented elements (examples) and "" (paragraph breaks) stand alone.
     */
    @Test
    void eachDescriptionParagraphIsOneElementThatPicocliWraps() {
        List<String> ragged = new ArrayList<>();
        collectRagged(new CommandLine(new Main()), ragged);
        assertThat(ragged).isEmpty();
    }

    private static void collectRagged(CommandLine cli, List<String> ragged) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own text
            }
            String[] description = sub.getCommandSpec().usageMessage().description();
            for (int i = 1; i < description.length; i++) {
                if (prose(description[i - 1]) && prose(description[i])) {
                    ragged.add(sub.getCommandSpec().qualifiedName() + ": \"" + description[i - 1] + "\" then \""
                            + description[i] + "\"");
                }
            }
            collectRagged(sub, ragged);
        }
    }

    private static boolean prose(String line) {
        return !line.isEmpty() && !line.startsWith(" ");
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
