package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every {@code ./lem ...} line in the README's bash blocks parses with today's commands: no flag was renamed or
 * dropped, no value fails its converter, no required option is missing. (Running them needs their endpoints and
 * files; the commands' own tests run each kind.)
 */
class ReadmeExamplesTest {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeCommandParses() throws IOException {
        List<String> commands = commands(Files.readString(Path.of("../README.md")));
        assertThat(commands).as("README examples").hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (String command : commands) {
            List<String> args = split(command);
            try {
                new CommandLine(new Main()).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                failures.add(command + "\n    -> " + e.getMessage());
            }
        }
        assertThat(failures).as("README commands that no longer parse").isEmpty();
    }

    /** The {@code ./lem} lines of the bash blocks, continuation lines joined, comments and redirections dropped. */
    static List<String> commands(String readme) {
        List<String> commands = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(readme);
        while (m.find()) {
            String[] lines = m.group(1).split("\n");
            for (int i = 0; i < lines.length; i++) {
                StringBuilder line = new StringBuilder(lines[i].strip());
                while ((endsWithBackslash(line) || unbalancedQuotes(line)) && i + 1 < lines.length) {
                    if (endsWithBackslash(line)) {
                        line.setLength(line.length() - 1);
                    }
                    line.append(' ').append(lines[++i].strip());
                }
                String text = withoutComment(line.toString());
                if (text.startsWith("./lem ")) {
                    commands.add(text.replaceAll("\\s+\\[[^]]*]", "").replaceAll("\\s+>\\s*\\S+$", "").strip());
                }
            }
        }
        return commands;
    }

    private static boolean endsWithBackslash(CharSequence line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\\';
    }

    private static boolean unbalancedQuotes(CharSequence line) {
        return line.chars().filter(c -> c == '"').count() % 2 == 1;
    }

    /** A {@code #} outside quotes after whitespace starts a comment, as in bash. */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i).strip();
            }
        }
        return line.strip();
    }

    /** Words as bash splits them for these examples: whitespace outside double quotes; quotes removed. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
